namespace AiFinOps.Contracts.Pricing;

/// <summary>
/// Calls to price as of their own <c>occurred_at</c> with the catalogue as it is now: ingest's internal
/// <c>POST /internal/prices/price-batch</c>, which allocation's re-pricing calls (at most 10,000 calls per request).
/// </summary>
public sealed record PriceBatchRequest
{
    public const string Path = "/internal/prices/price-batch";

    public required IReadOnlyList<UsageToPrice> Usages { get; init; }

    /// <summary>The catalogue change being applied: ingest prices with a catalogue that includes it (null: the
    /// catalogue as ingest holds it, refreshed every 30 s).</summary>
    public long? CatalogueSequence { get; init; }
}

/// <summary>What pricing reads of a booked call: the usage contract's token fields, its tier, tags and reported cost.</summary>
public sealed record UsageToPrice
{
    public required string EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string Provider { get; init; }
    public required string Model { get; init; }
    public long InputTokens { get; init; }
    public long OutputTokens { get; init; }
    public long CacheReadTokens { get; init; }
    public long CacheWriteTokens { get; init; }
    public long ReasoningTokens { get; init; }
    public string ServiceTier { get; init; } = "standard";
    /// <summary>Tags can change the price (<c>cache_ttl=1h</c> prices cache writes at the 1-hour rate).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
    public decimal? ReportedCostUsd { get; init; }
}
