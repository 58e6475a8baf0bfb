namespace AiFinOps.Budgeting.Spend;

/// <summary>
/// One priced AI call accrued against its team's budgets. Each usage event is its own stream, so recording it twice
/// is impossible: the stream key is derived from the event id. Costs are null while the call is unpriced.
/// </summary>
public sealed record SpendAccrued(
    string EventId,
    DateTimeOffset OccurredAt,
    string Team,
    string Workflow,
    string Environment,
    string Provider,
    string Model,
    long InputTokens,
    long OutputTokens,
    decimal? ListCostUsd,
    decimal? EffectiveCostUsd,
    decimal? BilledCostUsd)
{
    public static string StreamKey(string eventId) => $"spend-{eventId}";
}
