using System.Text.Json.Serialization;

namespace AiFinOps.Allocation.Ledger;

/// <summary>
/// A list cost split by kind of token, in decimal USD: uncached input, cache reads, cache writes, output without
/// reasoning, and reasoning. Re-pricing lines carry the difference of the parts; usage booked before ingest sent the
/// split carries zeros, so readers treat whatever the parts do not explain of the list cost as not itemised.
/// </summary>
public readonly record struct CostByTokenType(decimal UncachedInput, decimal CacheRead, decimal CacheWrite, decimal Output, decimal Reasoning)
{
    [JsonIgnore]
    public decimal Total => UncachedInput + CacheRead + CacheWrite + Output + Reasoning;

    public CostByTokenType Add(CostByTokenType o) => new(UncachedInput + o.UncachedInput, CacheRead + o.CacheRead,
        CacheWrite + o.CacheWrite, Output + o.Output, Reasoning + o.Reasoning);
}
