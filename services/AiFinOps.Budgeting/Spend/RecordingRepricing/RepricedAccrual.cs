using AiFinOps.Contracts.Messages;

namespace AiFinOps.Budgeting.Spend.RecordingRepricing;

/// <summary>
/// Pure: a re-pricing difference as budgeting accrues it — a row of its own keyed by the ledger line id (so each line
/// counts once however often its page is sent), at the call's occurred_at and dimensions, with the effective cost
/// delta allocation booked (negative when the call got cheaper) and no event: the call was counted when it arrived.
/// Deltas and usage add up in any order, so a difference that arrives before its call's usage still sums right.
/// </summary>
public static class RepricedAccrual
{
    /// <summary>The cause of the threshold alerts a re-pricing raises.</summary>
    public const string Cause = "repricing";

    public static AccruedUsage From(RepricedUsage line) => new(
        EventId: line.LineId,
        OccurredAt: line.OccurredAt,
        Team: line.Team,
        Workflow: line.Workflow,
        Environment: line.Environment,
        Tags: line.Tags,
        // Whether the call is priced after this difference: only a line that took its price away leaves it unpriced.
        Priced: line.UnpricedEventsDelta <= 0,
        ListCostUsd: line.ListCostDeltaUsd,
        EffectiveCostUsd: line.EffectiveCostDeltaUsd,
        BilledCostUsd: line.BilledCostDeltaUsd,
        Provider: line.Provider,
        Model: line.Model)
    {
        Events = 0,
    };
}
