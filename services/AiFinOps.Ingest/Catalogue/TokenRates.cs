namespace AiFinOps.Ingest.Catalogue;

/// <summary>
/// Prices of one kind of call in USD per million tokens. A null cache price means the provider has no such price
/// (the tokens are billed at the input price); a null reasoning price means reasoning is billed as output.
/// </summary>
public sealed record TokenRates
{
    public required decimal Input { get; init; }
    public required decimal Output { get; init; }
    public decimal? CacheRead { get; init; }
    /// <summary>Cache writes with the default (5-minute) lifetime.</summary>
    public decimal? CacheWrite { get; init; }
    /// <summary>Cache writes with a 1-hour lifetime (Anthropic), chosen by the event tag <c>cache_ttl=1h</c>.</summary>
    public decimal? CacheWrite1h { get; init; }
    public decimal? Reasoning { get; init; }
}
