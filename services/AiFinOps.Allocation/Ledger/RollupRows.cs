using System.Runtime.InteropServices;

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
        Sum(Keyed(lines, extraDimensions), bucket);

    /// <summary>Each line with its rollup key, worked out once for all the rollups the line is summed into.</summary>
    public static IReadOnlyList<(LedgerLine Line, RollupKey Key)> Keyed(IEnumerable<LedgerLine> lines, IReadOnlyList<string> extraDimensions) =>
        lines.Select(l => (l, KeyOf(l, extraDimensions))).ToList();

    /// <summary>Keyed lines summed per UTC bucket and key, rows in the order their first line came.</summary>
    public static IReadOnlyList<RollupRow> Sum(IReadOnlyList<(LedgerLine Line, RollupKey Key)> keyed, Func<DateTimeOffset, DateTimeOffset> bucket)
    {
        var sums = new Dictionary<(DateTimeOffset Bucket, RollupKey Key), RollupSums>(keyed.Count);
        foreach (var (line, key) in keyed) Add(sums, (bucket(line.OccurredAt), key), RollupSums.Of(line));
        return Rows(sums);
    }

    /// <summary>Daily rows summed over service tiers: the statement rollup's rows (service tier empty).</summary>
    public static IReadOnlyList<RollupRow> StatementRows(IEnumerable<RollupRow> daily)
    {
        var sums = new Dictionary<(DateTimeOffset Bucket, RollupKey Key), RollupSums>();
        foreach (var row in daily) Add(sums, (row.Bucket, row.Key with { ServiceTier = "" }), row.Sums);
        return Rows(sums);
    }

    private static void Add(Dictionary<(DateTimeOffset Bucket, RollupKey Key), RollupSums> sums, (DateTimeOffset, RollupKey) at, RollupSums add)
    {
        ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(sums, at, out var exists);
        sum = exists ? sum.Add(add) : add;
    }

    private static List<RollupRow> Rows(Dictionary<(DateTimeOffset Bucket, RollupKey Key), RollupSums> sums)
    {
        var rows = new List<RollupRow>(sums.Count);
        foreach (var ((bucket, key), sum) in sums) rows.Add(new RollupRow(bucket, key, sum));
        return rows;
    }

    public static RollupKey KeyOf(LedgerLine l, IReadOnlyList<string> extraDimensions) => new(
        l.BillingPeriod, l.ChargeClass, l.Team, l.Workflow, l.Environment, l.Provider, l.Model, l.ServiceTier,
        l.CostCentreTagValue, LedgerProjection.ExtraDimensions(l, extraDimensions));
}
