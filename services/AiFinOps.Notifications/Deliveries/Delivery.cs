namespace AiFinOps.Notifications.Deliveries;

/// <summary>One alert's delivery to one target, as the log shows it.</summary>
public sealed record Delivery(
    Guid Id,
    Guid AlertId,
    string AlertKind,
    string AlertTitle,
    string? Team,
    string Target,
    string Channel,
    string? SubscriptionId,
    string Status,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? DeliveredAt,
    string? LastError,
    int? LastHttpStatus)
{
    /// <summary>Unrestricted keys see every delivery; a team key those of alerts about one of its teams.</summary>
    public bool VisibleTo(IReadOnlyList<string> teams) => teams.Count == 0 || (Team is not null && teams.Contains(Team));
}

/// <summary>One attempt at a delivery: when, how it went, the HTTP status when there was one, the error without secrets.</summary>
public sealed record DeliveryAttempt(int Attempt, DateTimeOffset AttemptedAt, string Outcome, int? HttpStatus, string? Error, long DurationMs);
