namespace AiFinOps.Allocation.Chargeback;

/// <summary>
/// Pure: statement rollup rows summed to the grain a statement allocates — one <see cref="DailySpend"/> per UTC bucket,
/// charge class, team, workflow, environment, provider, model, cost-centre tag and the values of the extra dimensions
/// rules map (tags no rule maps summed away). Summing here, as the rows stream in, not in a SQL <c>GROUP BY</c>, keeps a
/// statement cheap: PostgreSQL's hash aggregate over eight text keys and ten sums costs several times the scan itself.
/// Decimal sums are exact and keep the largest scale of their terms, as <c>sum(numeric)</c> does.
/// </summary>
public sealed class DailySpendTally(StatementDays statementDays, IReadOnlyList<string> ruledExtraDimensions)
{
    private static readonly IReadOnlyDictionary<string, string> NoExtra = new Dictionary<string, string>();

    // One small dictionary per UTC day rather than one for the month: a month's ~9,000 entries in one table would put
    // its arrays on the large object heap on every statement, and each such allocation brings a full collection closer.
    private readonly Dictionary<DateTime, Dictionary<Grain, Sums>> days = [];
    private (DateTime Bucket, Dictionary<Grain, Sums> Sums)? current;

    /// <summary>The statement grain of a rollup row; <see cref="Extra"/> joins the ruled extra values with NUL, which no text value holds.</summary>
    public readonly record struct Grain(DateTime Bucket, string ChargeClass, string Team, string Workflow, string Environment,
        string Provider, string Model, string CostCentreTag, string Extra);

    /// <summary>Adds one rollup row's figures.</summary>
    public void Add(in Grain grain, ChargeAmounts amounts) => Add(grain, amounts.ListCostUsd, amounts.EffectiveCostUsd,
        amounts.BilledCostUsd, amounts.Events, amounts.UnpricedEvents, amounts.InputTokens, amounts.OutputTokens,
        amounts.CacheReadTokens, amounts.CacheWriteTokens, amounts.ReasoningTokens);

    /// <summary>Adds one rollup row's figures without building a <see cref="ChargeAmounts"/> per row.</summary>
    public void Add(in Grain grain, decimal listCostUsd, decimal effectiveCostUsd, decimal billedCostUsd, long events,
        long unpricedEvents, long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens, long reasoningTokens)
    {
        var sums = current is { } c && c.Bucket == grain.Bucket ? c.Sums : Day(grain.Bucket);
        if (!sums.TryGetValue(grain, out var s)) sums[grain] = s = new Sums();
        s.ListCostUsd += listCostUsd;
        s.EffectiveCostUsd += effectiveCostUsd;
        s.BilledCostUsd += billedCostUsd;
        s.Events += events;
        s.UnpricedEvents += unpricedEvents;
        s.InputTokens += inputTokens;
        s.OutputTokens += outputTokens;
        s.CacheReadTokens += cacheReadTokens;
        s.CacheWriteTokens += cacheWriteTokens;
        s.ReasoningTokens += reasoningTokens;
    }

    /// <summary>The extra values of a row as <see cref="Grain.Extra"/> holds them.</summary>
    public static string JoinExtra(IReadOnlyList<string> values) => values.Count switch
    {
        0 => "",
        1 => values[0],
        _ => string.Join('\0', values),
    };

    /// <summary>The summed spend, each with the organisation's day rules judge it on.</summary>
    public IReadOnlyList<DailySpend> Spend()
    {
        var spend = new List<DailySpend>(days.Values.Sum(d => d.Count));
        foreach (var (g, s) in days.Values.SelectMany(d => d))
        {
            spend.Add(new DailySpend(statementDays.Of(new DateTimeOffset(g.Bucket, TimeSpan.Zero)),
                g.ChargeClass == Ledger.ChargeClasses.Correction ? Charge.Correction : Charge.Regular,
                g.Team, g.Workflow, g.Environment, g.Provider, g.Model, g.CostCentreTag, ExtraOf(g.Extra),
                new ChargeAmounts(s.ListCostUsd, s.EffectiveCostUsd, s.BilledCostUsd, s.Events, s.UnpricedEvents,
                    s.InputTokens, s.OutputTokens, s.CacheReadTokens, s.CacheWriteTokens, s.ReasoningTokens)));
        }
        return spend;
    }

    private Dictionary<Grain, Sums> Day(DateTime bucket)
    {
        if (!days.TryGetValue(bucket, out var sums)) days[bucket] = sums = [];
        current = (bucket, sums);
        return sums;
    }

    private IReadOnlyDictionary<string, string> ExtraOf(string joined)
    {
        if (ruledExtraDimensions.Count == 0) return NoExtra;
        var values = ruledExtraDimensions.Count == 1 ? [joined] : joined.Split('\0');
        var extra = new Dictionary<string, string>(ruledExtraDimensions.Count, StringComparer.Ordinal);
        for (var i = 0; i < ruledExtraDimensions.Count; i++) extra[ruledExtraDimensions[i]] = values[i];
        return extra;
    }

    private sealed class Sums
    {
        public decimal ListCostUsd, EffectiveCostUsd, BilledCostUsd;
        public long Events, UnpricedEvents, InputTokens, OutputTokens, CacheReadTokens, CacheWriteTokens, ReasoningTokens;
    }
}
