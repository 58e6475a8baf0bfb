namespace AiFinOps.Notifications.Subscriptions;

/// <summary>An alert's severities, lowest first: a subscription's minimum severity lets through its own and those above.</summary>
public static class Severities
{
    public const string Info = "info";
    public const string Warning = "warning";
    public const string Critical = "critical";

    public static readonly IReadOnlyList<string> All = [Info, Warning, Critical];

    public static bool IsKnown(string? severity) => severity is not null && All.Contains(severity);

    /// <summary>0 for info, 1 for warning, 2 for critical; a severity outside the contract ranks as info.</summary>
    public static int Rank(string? severity) => severity is null ? 0 : Math.Max(0, All.ToList().IndexOf(severity.ToLowerInvariant()));
}
