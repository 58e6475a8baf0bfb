namespace AiFinOps.Anomaly.Calls;

/// <summary>
/// One AI call as anomaly detection sees it: who made it, in which run, how many tokens and what it cost. Each usage
/// event is its own stream, keyed by its event id, so it is observed once however often it is delivered.
/// </summary>
public sealed record CallObserved(
    string EventId,
    DateTimeOffset OccurredAt,
    string Team,
    string Workflow,
    string Environment,
    string Provider,
    string Model,
    string RunId,
    long InputTokens,
    long OutputTokens,
    long CacheReadTokens,
    long ReasoningTokens,
    int MaxOutputTokens,
    long LatencyMs,
    decimal? ListCostUsd,
    decimal? EffectiveCostUsd)
{
    public static string StreamKey(string eventId) => $"call-{eventId}";
}
