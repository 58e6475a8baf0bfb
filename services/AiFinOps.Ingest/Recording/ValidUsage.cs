namespace AiFinOps.Ingest.Recording;

/// <summary>A usage event that passed validation, normalised, not yet priced.</summary>
public sealed record ValidUsage(
    string EventId,
    DateTimeOffset OccurredAt,
    string Provider,
    string Model,
    long InputTokens,
    long OutputTokens,
    long CacheReadTokens,
    long CacheWriteTokens,
    long ReasoningTokens,
    string Team,
    string Workflow,
    string Environment,
    IReadOnlyDictionary<string, string> Tags,
    string RunId,
    string ServiceTier,
    string PromptFingerprint,
    int MaxOutputTokens,
    decimal? ReportedCostUsd,
    long LatencyMs);
