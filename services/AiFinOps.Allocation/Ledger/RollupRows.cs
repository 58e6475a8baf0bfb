namespace AiFinOps.Allocation.Ledger;

/// <summary>The rollup key of a line besides its time bucket.</summary>
public readonly record struct RollupKey(
    string BillingPeriod, string ChargeClass, string Team, string Workflow, string Environment, string Provider,
    string Model, string ServiceTier, string CostCentreTag, string Extra);

/// <summary>What a rollup row sums.</summary>
public readonly record struct RollupSums(
    long Events, long UnpricedEvents, long InputTokens, long OutputTokens, long CacheReadTokens, long CacheWriteTokens,
    long ReasoningTokens, decimal ListCostUsd, decimal EffectiveCostUsd, decimal BilledCostUsd, long ReportedEvents,
    decimal ReportedCostUsd, decimal BilledDriftUsd, CostByTokenType ListCostByTokenType = default)
{
    public static RollupSums Of(LedgerLine l) => new(l.Events, l.UnpricedEvents, l.InputTokens, l.OutputTokens,
        l.CacheReadTokens, l.CacheWriteTokens, l.ReasoningTokens, l.ListCostUsd, l.EffectiveCostUsd, l.BilledCostUsd,
        l.ReportedCostUsd is null ? 0 : 1, l.ReportedCostUsd ?? 0m, l.BilledDriftUsd ?? 0m, l.ListCostByTokenType);

    public RollupSums Add(RollupSums o) => new(Events + o.Events, UnpricedEvents + o.UnpricedEvents,
        InputTokens + o.InputTokens, OutputTokens + o.OutputTokens, CacheReadTokens + o.CacheReadTokens,
        CacheWriteTokens + o.CacheWriteTokens, ReasoningTokens + o.ReasoningTokens, ListCostUsd + o.ListCostUsd,
        EffectiveCostUsd + o.EffectiveCostUsd, BilledCostUsd + o.BilledCostUsd, ReportedEvents + o.ReportedEvents,
        ReportedCostUsd + o.ReportedCostUsd, BilledDriftUsd + o.BilledDriftUsd, ListCostByTokenType.Add(o.ListCostByTokenType));
}

public sealed record RollupRow(DateTimeOffset Bucket, RollupKey Key, RollupSums Sums);

/// <summary>Pure: ledger lines summed per UTC bucket and rollup key.</summary>
public static class RollupRows
{
    public static DateTimeOffset Hour(DateTimeOffset t)
    {
        var u = t.ToUniversalTime();
        return new DateTimeOffset(u.Year, u.Month, u.Day, u.Hour, 0, 0, TimeSpan.Zero);
    }

    public static DateTimeOffset Day(DateTimeOffset t)
    {
        var u = t.ToUniversalTime();
        return new DateTimeOffset(u.Year, u.Month, u.Day, 0, 0, 0, TimeSpan.Zero);
    }

    public static IReadOnlyList<RollupRow> Sum(IEnumerable<LedgerLine> lines, IReadOnlyList<string> extraDimensions, Func<DateTimeOffset, DateTimeOffset> bucket) =>
        lines.GroupBy(l => (Bucket: bucket(l.OccurredAt), Key: KeyOf(l, extraDimensions)))
            .Select(g => new RollupRow(g.Key.Bucket, g.Key.Key, g.Select(RollupSums.Of).Aggregate((a, b) => a.Add(b))))
            .ToList();

    /// <summary>Daily rows summed over service tiers: the statement rollup's rows (service tier empty).</summary>
    public static IReadOnlyList<RollupRow> StatementRows(IEnumerable<RollupRow> daily) =>
        daily.GroupBy(r => (r.Bucket, Key: r.Key with { ServiceTier = "" }))
            .Select(g => new RollupRow(g.Key.Bucket, g.Key.Key, g.Select(r => r.Sums).Aggregate((a, b) => a.Add(b))))
            .ToList();

    public static RollupKey KeyOf(LedgerLine l, IReadOnlyList<string> extraDimensions) => new(
        l.BillingPeriod, l.ChargeClass, l.Team, l.Workflow, l.Environment, l.Provider, l.Model, l.ServiceTier,
        l.CostCentreTagValue, LedgerProjection.ExtraDimensions(l, extraDimensions));
}
