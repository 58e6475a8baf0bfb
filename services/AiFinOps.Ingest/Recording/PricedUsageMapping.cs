using AiFinOps.Contracts.Messages;
using AiFinOps.Ingest.Catalogue;
using AiFinOps.Ingest.Pricing;

namespace AiFinOps.Ingest.Recording;

internal static class PricedUsageMapping
{
    public static PricedUsage ToMessage(ValidUsage usage, UsageCost cost) => new()
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
        EffectiveCostUsd = cost.EffectiveCostUsd,
        BilledCostUsd = cost.BilledCostUsd,
        BilledDriftUsd = cost.BilledDriftUsd,
        DiscountReference = cost.DiscountReference,
    };
}
