using AiFinOps.Allocation.Focus;
using AiFinOps.Allocation.Ledger;
using AiFinOps.Allocation.Periods;

namespace AiFinOps.Allocation.Tests.Focus;

/// <summary>A daily rollup row to start each export test from; a test changes only what it is about.</summary>
internal static class DailyRows
{
    public static readonly DateTimeOffset Day = new(2026, 11, 15, 0, 0, 0, TimeSpan.Zero);
    public static readonly BillingPeriod November = new(2026, 11);

    /// <summary>Claude Sonnet 4 at $3 in, $0.30 cache read, $3.75 cache write, $15 out; 2 calls.</summary>
    public static RollupRow Row(Func<RollupSums, RollupSums>? change = null, RollupKey? key = null, DateTimeOffset? day = null)
    {
        var split = new CostByTokenType(
            UncachedInput: 2_000 * 3.00m / 1_000_000m,
            CacheRead: 6_000 * 0.30m / 1_000_000m,
            CacheWrite: 2_000 * 3.75m / 1_000_000m,
            Output: 1_000 * 15.00m / 1_000_000m,
            Reasoning: 500 * 15.00m / 1_000_000m);
        var sums = new RollupSums(
            Events: 2, UnpricedEvents: 0, InputTokens: 10_000, OutputTokens: 1_500, CacheReadTokens: 6_000,
            CacheWriteTokens: 2_000, ReasoningTokens: 500, ListCostUsd: split.Total, EffectiveCostUsd: split.Total,
            BilledCostUsd: split.Total, ReportedEvents: 0, ReportedCostUsd: 0m, BilledDriftUsd: 0m, ListCostByTokenType: split);
        return new RollupRow(day ?? Day, key ?? Key(), change is null ? sums : change(sums));
    }

    public static RollupKey Key(string provider = "anthropic", string model = "claude-sonnet-4-20250514", string chargeClass = "",
        string period = "2026-11", string team = "support", string costCentre = "cc-42", string extra = "{}", string tier = "standard") =>
        new(period, chargeClass, team, "triage", "prod", provider, model, tier, costCentre, extra);

    public static FocusContext Context(BillingPeriod? period = null, TimeZoneInfo? zone = null) =>
        FocusContext.Of(period ?? November, zone ?? Zones.Utc, new FocusExportOptions());
}
