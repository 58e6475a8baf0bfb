using AiFinOps.Ingest.Recording;

namespace AiFinOps.Ingest.Pricing;

/// <summary>The pricing rule of the contract, as a pure function of the call and the price in force.</summary>
public static class CostCalculation
{
    private const decimal Million = 1_000_000m;

    public static decimal ListCost(ValidUsage usage, ModelPrice price)
    {
        var uncachedInput = usage.InputTokens - usage.CacheReadTokens - usage.CacheWriteTokens;
        var reasoning = price.ReasoningPerMillion is null ? 0 : usage.ReasoningTokens;
        var plainOutput = usage.OutputTokens - reasoning;

        var cost =
            uncachedInput * price.InputPerMillion
            + usage.CacheReadTokens * (price.CacheReadPerMillion ?? price.InputPerMillion)
            + usage.CacheWriteTokens * (price.CacheWritePerMillion ?? price.InputPerMillion)
            + plainOutput * price.OutputPerMillion
            + reasoning * (price.ReasoningPerMillion ?? price.OutputPerMillion);

        var tierFactor = usage.ServiceTier == "batch" ? 1m - price.BatchDiscount : 1m;
        return cost * tierFactor / Million;
    }
}
