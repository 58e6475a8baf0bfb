using AiFinOps.Contracts.Messages;

namespace AiFinOps.Budgeting.Spend.RecordingSpend;

/// <summary>Decides which usages of a batch still need accruing: the pure half of exactly-once.</summary>
public static class SpendRecording
{
    /// <summary>Usages whose stream does not exist yet, each once even when a batch repeats an event id.</summary>
    public static IReadOnlyList<SpendAccrued> NewAccruals(IEnumerable<PricedUsage> usages, IReadOnlySet<string> existingStreams) =>
        usages
            .DistinctBy(u => u.EventId, StringComparer.Ordinal)
            .Where(u => !existingStreams.Contains(SpendAccrued.StreamKey(u.EventId)))
            .Select(Accrual)
            .ToList();

    public static SpendAccrued Accrual(PricedUsage usage) => new(
        usage.EventId, usage.OccurredAt, usage.Team, usage.Workflow, usage.Environment, usage.Provider, usage.Model,
        usage.InputTokens, usage.OutputTokens,
        usage.Priced ? usage.ListCostUsd : null,
        usage.Priced ? usage.EffectiveCostUsd : null,
        usage.BilledCostUsd);
}
