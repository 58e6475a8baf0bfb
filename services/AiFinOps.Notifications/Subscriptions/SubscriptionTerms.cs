namespace AiFinOps.Notifications.Subscriptions;

/// <summary>
/// Where a subscription sends what: a webhook (<see cref="Url"/> in <see cref="Format"/> json or slack, signed with
/// <see cref="Secret"/> when it has one) or e-mail to <see cref="Addresses"/>, for the alerts <see cref="Filter"/> lets
/// through while <see cref="Enabled"/>. The secret is write-only: the API never shows it.
/// </summary>
public sealed record SubscriptionTerms(
    string Name,
    string Kind,
    string? Url,
    string? Format,
    IReadOnlyList<string> Addresses,
    AlertFilter Filter,
    string? Secret,
    bool Enabled)
{
    public const string Webhook = "webhook";
    public const string Email = "email";
    public const string Json = "json";
    public const string Slack = "slack";

    public static readonly IReadOnlyList<string> Kinds = [Webhook, Email];
    public static readonly IReadOnlyList<string> Formats = [Json, Slack];

    /// <summary>Who may see and manage it: unrestricted keys, and keys of the team its filter names.</summary>
    public bool VisibleTo(IReadOnlyList<string> teams) => teams.Count == 0 || (Filter.Team is { } team && teams.Contains(team));
}
