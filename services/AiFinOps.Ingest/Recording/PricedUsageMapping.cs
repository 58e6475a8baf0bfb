using AiFinOps.Contracts.Messages;
using AiFinOps.Ingest.Catalogue;
using AiFinOps.Ingest.Pricing;

namespace AiFinOps.Ingest.Recording;

internal static class PricedUsageMapping
{
    public static PricedUsage ToMessage(ValidUsage usage, UsageCost cost, CostParts? parts) => new()
    {
        EventId = usage.EventId,
        OccurredAt = usage.OccurredAt,
        Provider = usage.Provider,
        Model = usage.Model,
        CatalogueKeys = cost.CatalogueKeys ?? CatalogueModelNames.Candidates(usage.Provider, usage.Model),
        InputTokens = usage.InputTokens,
        OutputTokens = usage.OutputTokens,
        CacheReadTokens = usage.CacheReadTokens,
        CacheWriteTokens = usage.CacheWriteTokens,
        ReasoningTokens = usage.ReasoningTokens,
        Team = usage.Team,
        Workflow = usage.Workflow,
        Environment = usage.Environment,
        Tags = usage.Tags,
        RunId = usage.RunId,
        ServiceTier = usage.ServiceTier,
        PromptFingerprint = usage.PromptFingerprint,
        MaxOutputTokens = usage.MaxOutputTokens,
        LatencyMs = usage.LatencyMs,
        Priced = cost.Priced,
        PriceReference = cost.PriceReference,
        ListCostUsd = cost.ListCostUsd,
        ListCostByTokenType = parts is null ? null : ByTokenType(usage, parts),
        EffectiveCostUsd = cost.EffectiveCostUsd,
        BilledCostUsd = cost.BilledCostUsd,
        BilledDriftUsd = cost.BilledDriftUsd,
        DiscountReference = cost.DiscountReference,
    };

    /// <summary>
    /// The parts as the ledger itemises them: reasoning tokens always apart from the other output, at the rate that
    /// priced them (<see cref="CallCost"/> keeps reasoning inside the output part when the catalogue bills it as output).
    /// </summary>
    private static TokenTypeCosts ByTokenType(ValidUsage usage, CostParts parts)
    {
        var reasoningAsOutput = parts.Rates.Reasoning is null ? usage.ReasoningTokens * parts.Rates.Output / 1_000_000m : 0m;
        return new TokenTypeCosts
        {
            UncachedInputUsd = parts.UncachedInput,
            CacheReadUsd = parts.CacheRead,
            CacheWriteUsd = parts.CacheWrite,
            OutputUsd = parts.Output - reasoningAsOutput,
            ReasoningUsd = parts.Reasoning + reasoningAsOutput,
        };
    }
}
