namespace AiFinOps.Ingest.Recording.SpendMetrics;

/// <summary>Bound from <c>Ingest:Metrics</c>. See docs/metrics.md.</summary>
public sealed record SpendMetricsOptions
{
    /// <summary>Distinct values per attribute (team, workflow, model, provider, environment) one ingest process
    /// reports; the rest are folded into <c>(other)</c> so a runaway tag cannot blow up the metrics backend.</summary>
    public int MaxValuesPerAttribute { get; init; } = 100;
}
