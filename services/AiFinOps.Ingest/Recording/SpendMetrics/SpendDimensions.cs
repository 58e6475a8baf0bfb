namespace AiFinOps.Ingest.Recording.SpendMetrics;

/// <summary>The attribute set of one series, after the cardinality limit: a value type, so grouping a batch by it
/// allocates nothing per event.</summary>
public readonly record struct SpendDimensions(string Team, string Workflow, string Model, string Provider, string Environment);
