namespace AiFinOps.Allocation.Ledger;

/// <summary>A priced usage event was booked to the spend ledger. Stream key: the usage event id (one stream per call).</summary>
public sealed record UsageAllocated(
    string EventId,
    DateTimeOffset OccurredAt,
    string Provider,
    string Model,
    string Team,
    string Workflow,
    string Environment,
    IReadOnlyDictionary<string, string> Tags,
    string ServiceTier,
    long InputTokens,
    long OutputTokens,
    long CacheReadTokens,
    long CacheWriteTokens,
    long ReasoningTokens,
    bool Priced,
    string? PriceReference,
    decimal? ListCostUsd,
    decimal? EffectiveCostUsd,
    decimal? BilledCostUsd,
    Guid BatchId);

/// <summary>One call in the ledger, folded from its stream (inline snapshot; rebuildable from the events).</summary>
public sealed record LedgerEntry(
    string Id,
    DateTimeOffset OccurredAt,
    string Provider,
    string Model,
    string Team,
    string Workflow,
    string Environment,
    IReadOnlyDictionary<string, string> Tags,
    string ServiceTier,
    long InputTokens,
    long OutputTokens,
    long CacheReadTokens,
    long CacheWriteTokens,
    long ReasoningTokens,
    bool Priced,
    string? PriceReference,
    decimal? ListCostUsd,
    decimal? EffectiveCostUsd,
    decimal? BilledCostUsd)
{
    public static LedgerEntry Create(UsageAllocated e) => new(
        e.EventId, e.OccurredAt, e.Provider, e.Model, e.Team, e.Workflow, e.Environment, e.Tags, e.ServiceTier,
        e.InputTokens, e.OutputTokens, e.CacheReadTokens, e.CacheWriteTokens, e.ReasoningTokens,
        e.Priced, e.PriceReference, e.ListCostUsd, e.EffectiveCostUsd, e.BilledCostUsd);
}
