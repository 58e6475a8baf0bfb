using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace AiFinOps.Ingest.Recording.SpendMetrics;

/// <summary>
/// Spend as OpenTelemetry metrics (meter <see cref="MeterName"/>, exported to the Aspire dashboard by ServiceDefaults):
/// <c>aifinops.spend</c> (USD, effective cost), <c>aifinops.tokens</c> (by <c>token.type</c>) and
/// <c>aifinops.usage.events</c>, by team, workflow, model, provider and environment. Fed only with calls ingest
/// accepted, after the broker confirmed them; one <c>Add</c> per instrument and distinct attribute set of a batch.
/// Each attribute keeps at most <see cref="SpendMetricsOptions.MaxValuesPerAttribute"/> values (docs/metrics.md).
/// </summary>
public sealed class SpendMeter
{
    public const string MeterName = "AiFinOps.Ingest";

    private readonly Counter<double> spend;
    private readonly Counter<long> tokens;
    private readonly Counter<long> events;
    private readonly AttributeValueLimit teams, workflows, models, providers, environments;

    public SpendMeter(IMeterFactory meters, IOptions<SpendMetricsOptions> options)
    {
        var meter = meters.Create(new MeterOptions(MeterName));
        spend = meter.CreateCounter<double>("aifinops.spend", "USD", "Effective cost (after negotiated discounts) of accepted AI API calls");
        tokens = meter.CreateCounter<long>("aifinops.tokens", "{token}", "Tokens of accepted AI API calls by token.type; the types are disjoint");
        events = meter.CreateCounter<long>("aifinops.usage.events", "{event}", "Accepted usage events (duplicates and rejected events excluded)");
        var limit = options.Value.MaxValuesPerAttribute;
        (teams, workflows, models, providers, environments) = (new(limit), new(limit), new(limit), new(limit), new(limit));
    }

    /// <summary>Records the calls of one batch that were accepted, with their effective cost (null when unpriced).</summary>
    public void Record(IEnumerable<(ValidUsage Usage, decimal? EffectiveCostUsd)> accepted)
    {
        if (!spend.Enabled && !tokens.Enabled && !events.Enabled) return;
        var bySeries = new Dictionary<SpendDimensions, SpendTotals>();
        foreach (var (usage, cost) in accepted)
        {
            var key = new SpendDimensions(usage.Team, usage.Workflow, usage.Model, usage.Provider, usage.Environment);
            bySeries[key] = bySeries.GetValueOrDefault(key).Add(usage, cost);
        }
        foreach (var (dimensions, totals) in Fold(bySeries)) Emit(dimensions, totals);
    }

    /// <summary>Applies the cardinality limit once per distinct set; sets folded into the same one are merged.</summary>
    private Dictionary<SpendDimensions, SpendTotals> Fold(Dictionary<SpendDimensions, SpendTotals> bySeries)
    {
        var folded = new Dictionary<SpendDimensions, SpendTotals>(bySeries.Count);
        foreach (var (d, totals) in bySeries)
        {
            var key = new SpendDimensions(teams.Fold(d.Team), workflows.Fold(d.Workflow), models.Fold(d.Model),
                providers.Fold(d.Provider), environments.Fold(d.Environment));
            folded[key] = folded.TryGetValue(key, out var sum) ? sum.Merge(totals) : totals;
        }
        return folded;
    }

    private void Emit(SpendDimensions d, SpendTotals totals)
    {
        var tags = new TagList
        {
            { "team", d.Team }, { "workflow", d.Workflow }, { "model", d.Model }, { "provider", d.Provider }, { "environment", d.Environment },
        };
        events.Add(totals.Events, tags);
        if (totals.EffectiveCostUsd != 0m) spend.Add((double)totals.EffectiveCostUsd, tags);
        AddTokens(tags, "input", totals.UncachedInputTokens);
        AddTokens(tags, "cache_read", totals.CacheReadTokens);
        AddTokens(tags, "cache_write", totals.CacheWriteTokens);
        AddTokens(tags, "output", totals.VisibleOutputTokens);
        AddTokens(tags, "reasoning", totals.ReasoningTokens);
    }

    private void AddTokens(TagList tags, string tokenType, long count)
    {
        if (count == 0) return;
        tags.Add("token.type", tokenType);
        tokens.Add(count, tags);
    }
}
