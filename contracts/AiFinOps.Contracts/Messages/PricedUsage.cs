namespace AiFinOps.Contracts.Messages;

/// <summary>One AI API call as ingest accepted and priced it. Costs are decimal USD; null when unpriced.</summary>
public sealed record PricedUsage
{
    public required string EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string Provider { get; init; }
    public required string Model { get; init; }
    /// <summary>
    /// The catalogue names the model resolves to, most specific first (<c>claude-sonnet-4-20250514</c>,
    /// <c>claude-sonnet-4</c>): how consumers find the usage a <see cref="CatalogueChanged"/> affects.
    /// </summary>
    public IReadOnlyList<string> CatalogueKeys { get; init; } = [];
    public required long InputTokens { get; init; }
    public required long OutputTokens { get; init; }
    public long CacheReadTokens { get; init; }
    public long CacheWriteTokens { get; init; }
    public long ReasoningTokens { get; init; }
    public required string Team { get; init; }
    public required string Workflow { get; init; }
    public required string Environment { get; init; }
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
    public string RunId { get; init; } = "";
    public string ServiceTier { get; init; } = "standard";
    public string PromptFingerprint { get; init; } = "";
    public int MaxOutputTokens { get; init; }
    public long LatencyMs { get; init; }
    /// <summary>The name of the API key that recorded the call (data quality: untagged spend by key).</summary>
    public string RecordedBy { get; init; } = "";

    /// <summary>False when no catalogue price matched: costs stay null until re-pricing, never guessed.</summary>
    public required bool Priced { get; init; }
    /// <summary>The catalogue entry used, e.g. <c>openai/gpt-4o@2024-08-06</c>.</summary>
    public string? PriceReference { get; init; }
    public decimal? ListCostUsd { get; init; }
    /// <summary>The list cost by kind of token (null when unpriced): what itemises a charge per token SKU exactly.</summary>
    public TokenTypeCosts? ListCostByTokenType { get; init; }
    public decimal? EffectiveCostUsd { get; init; }
    /// <summary>What the provider billed when the app reported it (<c>reported_cost_usd</c>).</summary>
    public decimal? BilledCostUsd { get; init; }
    /// <summary>Billed minus effective cost when both are known: the catalogue and the invoice disagree.</summary>
    public decimal? BilledDriftUsd { get; init; }
    /// <summary>The negotiated discount that made the effective cost, if any.</summary>
    public string? DiscountReference { get; init; }
}
