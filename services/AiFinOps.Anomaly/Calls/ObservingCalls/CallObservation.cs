using AiFinOps.Contracts.Messages;

namespace AiFinOps.Anomaly.Calls.ObservingCalls;

/// <summary>Decides which usages of a batch are still unobserved: the pure half of exactly-once.</summary>
public static class CallObservation
{
    /// <summary>Usages whose stream does not exist yet, each once even when a batch repeats an event id.</summary>
    public static IReadOnlyList<CallObserved> NewObservations(IEnumerable<PricedUsage> usages, IReadOnlySet<string> existingStreams) =>
        usages
            .DistinctBy(u => u.EventId, StringComparer.Ordinal)
            .Where(u => !existingStreams.Contains(CallObserved.StreamKey(u.EventId)))
            .Select(Observation)
            .ToList();

    public static CallObserved Observation(PricedUsage usage) => new(
        usage.EventId, usage.OccurredAt, usage.Team, usage.Workflow, usage.Environment, usage.Provider, usage.Model,
        usage.RunId, usage.InputTokens, usage.OutputTokens, usage.CacheReadTokens, usage.ReasoningTokens,
        usage.MaxOutputTokens, usage.LatencyMs,
        usage.Priced ? usage.ListCostUsd : null,
        usage.Priced ? usage.EffectiveCostUsd : null);
}
