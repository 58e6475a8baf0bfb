namespace AiFinOps.Ingest.Pricing;

/// <summary>
/// List prices of one model in USD per million tokens. Null cache prices mean the provider bills those tokens at
/// the input price; a null reasoning price means reasoning is billed as output.
/// </summary>
public sealed record ModelPrice(
    string Provider,
    string Model,
    DateOnly EffectiveFrom,
    decimal InputPerMillion,
    decimal OutputPerMillion,
    decimal? CacheReadPerMillion = null,
    decimal? CacheWritePerMillion = null,
    decimal? ReasoningPerMillion = null,
    decimal BatchDiscount = 0.5m,
    string Source = "")
{
    public string Reference => $"{Provider}/{Model}@{EffectiveFrom:yyyy-MM-dd}";
}
