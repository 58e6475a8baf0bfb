using AiFinOps.Contracts.Messages;

namespace AiFinOps.Allocation.Ledger.RecordingUsage;

/// <summary>Pure decision: which usages of a bus message still need booking, as the events that book them.</summary>
public static class LedgerBooking
{
    public static IReadOnlyList<UsageAllocated> Book(UsageBatchPriced message, IReadOnlySet<string> alreadyBooked) =>
        message.Usages
            .DistinctBy(u => u.EventId, StringComparer.Ordinal)
            .Where(u => !alreadyBooked.Contains(u.EventId))
            .Select(u => new UsageAllocated(
                u.EventId, u.OccurredAt, u.Provider, u.Model, u.Team, u.Workflow, u.Environment, u.Tags, u.ServiceTier,
                u.InputTokens, u.OutputTokens, u.CacheReadTokens, u.CacheWriteTokens, u.ReasoningTokens,
                u.Priced, u.PriceReference, u.ListCostUsd, u.EffectiveCostUsd, u.BilledCostUsd, message.BatchId))
            .ToList();
}
