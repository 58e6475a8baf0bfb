using AiFinOps.Contracts.Messages;

namespace AiFinOps.Budgeting.Spend;

/// <summary>
/// One priced AI call as budgeting counts it. <see cref="EffectiveCostUsd"/> is what budgets spend: the catalogue cost
/// after negotiated discounts, 0 while the call is unpriced — the same figure allocation books as a ledger line's
/// effective cost and <c>GET /api/v1/spend</c> reports as <c>effectiveCostUsd</c>, so the two always agree.
/// </summary>
public sealed record AccruedUsage(
    string EventId,
    DateTimeOffset OccurredAt,
    string Team,
    string Workflow,
    string Environment,
    IReadOnlyDictionary<string, string> Tags,
    bool Priced,
    decimal ListCostUsd,
    decimal EffectiveCostUsd,
    decimal? BilledCostUsd,
    string Provider = "",
    string Model = "")
{
    /// <summary>The calls it counts as budget events: 1 for a usage, 0 for a re-pricing difference (see <c>RecordingRepricing</c>).</summary>
    public int Events { get; init; } = 1;

    public static AccruedUsage From(PricedUsage usage) => new(
        usage.EventId, usage.OccurredAt, usage.Team, usage.Workflow, usage.Environment, usage.Tags, usage.Priced,
        usage.Priced ? usage.ListCostUsd ?? 0m : 0m,
        usage.Priced ? usage.EffectiveCostUsd ?? 0m : 0m,
        usage.BilledCostUsd,
        usage.Provider,
        usage.Model);
}
