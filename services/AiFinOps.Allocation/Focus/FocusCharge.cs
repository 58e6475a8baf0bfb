namespace AiFinOps.Allocation.Focus;

/// <summary>
/// One row of the FOCUS dataset: the charge of one token SKU on one UTC day for one combination of the rollup's
/// dimensions. Costs are decimal USD, never rounded to cents; <see cref="ExtraDimensions"/> holds the configured
/// extra tag dimensions the row's usage carried.
/// </summary>
public sealed record FocusCharge
{
    public required decimal BilledCost { get; init; }
    public required decimal ContractedCost { get; init; }
    public required decimal EffectiveCost { get; init; }
    public required decimal ListCost { get; init; }
    public required string BillingAccountId { get; init; }
    public required string? BillingAccountName { get; init; }
    public required DateTimeOffset BillingPeriodStart { get; init; }
    public required DateTimeOffset BillingPeriodEnd { get; init; }
    public required DateTimeOffset ChargePeriodStart { get; init; }
    public required DateTimeOffset ChargePeriodEnd { get; init; }
    public required string? ChargeClass { get; init; }
    public required string ChargeDescription { get; init; }
    public required decimal? ConsumedQuantity { get; init; }
    public required decimal? PricingQuantity { get; init; }
    public required decimal? ListUnitPrice { get; init; }
    public required decimal? ContractedUnitPrice { get; init; }
    public required string ProviderName { get; init; }
    public required string PublisherName { get; init; }
    public required string ServiceName { get; init; }
    public required string? RegionId { get; init; }
    public required string? SkuId { get; init; }
    public required string? SkuMeter { get; init; }
    public required string? SubAccountId { get; init; }
    public required string Tags { get; init; }
    public required string Provider { get; init; }
    public required string Model { get; init; }
    public required string ServiceTier { get; init; }
    public required string? TokenType { get; init; }
    public required string? Team { get; init; }
    public required string? Workflow { get; init; }
    public required string? Environment { get; init; }
    public required string? CostCentreTag { get; init; }
    public required IReadOnlyDictionary<string, string> ExtraDimensions { get; init; }
    /// <summary>The calls' run id in a <see cref="FocusDetail.Run"/> export; null otherwise and for calls without one.</summary>
    public string? RunId { get; init; }

    public const string BillingCurrency = "USD";
    public const string ChargeCategory = "Usage";
    public const string ChargeFrequency = "Usage-Based";
    public const string PricingCategory = "Standard";
    public const string ServiceCategory = "AI and Machine Learning";
    public const string ServiceSubcategory = "Generative AI";
    public const string ConsumedUnit = "Tokens";
    public const string PricingUnit = "1000000 Tokens";
}
