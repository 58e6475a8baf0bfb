using AiFinOps.Ingest.Recording;

namespace AiFinOps.Ingest.Catalogue;

/// <summary>The pricing rule of the usage contract, as a pure function of one call and the tier price in force.</summary>
public static class CallCost
{
    private const decimal Million = 1_000_000m;

    /// <summary>
    /// uncached input × input + cache reads × cache read + cache writes × cache write + plain output × output +
    /// reasoning × reasoning (output when not priced apart), at the long-context rates when the prompt exceeds their
    /// threshold. Exact decimal arithmetic; no rounding here — rounding is the statement's business.
    /// </summary>
    public static decimal List(ValidUsage usage, TierPrice tier) => Parts(usage, tier).Total;

    /// <summary>The cost split by kind of token, for quotes and explanations.</summary>
    public static CostParts Parts(ValidUsage usage, TierPrice tier)
    {
        var rates = tier.RatesFor(usage.InputTokens);
        var oneHourWrites = usage.Tags.TryGetValue("cache_ttl", out var ttl) && ttl == "1h";
        var cacheWrite = (oneHourWrites ? rates.CacheWrite1h : null) ?? rates.CacheWrite ?? rates.Input;

        var uncachedInput = usage.InputTokens - usage.CacheReadTokens - usage.CacheWriteTokens;
        var reasoning = rates.Reasoning is null ? 0 : usage.ReasoningTokens;
        var plainOutput = usage.OutputTokens - reasoning;

        return new CostParts(
            uncachedInput * rates.Input / Million,
            usage.CacheReadTokens * (rates.CacheRead ?? rates.Input) / Million,
            usage.CacheWriteTokens * cacheWrite / Million,
            plainOutput * rates.Output / Million,
            reasoning * (rates.Reasoning ?? rates.Output) / Million,
            rates);
    }
}

/// <summary>A call's list cost by kind of token, in USD, with the rates that applied.</summary>
public sealed record CostParts(decimal UncachedInput, decimal CacheRead, decimal CacheWrite, decimal Output, decimal Reasoning, TokenRates Rates)
{
    public decimal Total => UncachedInput + CacheRead + CacheWrite + Output + Reasoning;
}
