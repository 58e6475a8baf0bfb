namespace AiFinOps.Ingest.Pricing;

/// <summary>The cost of one call: list (public price), effective (after negotiated discounts), billed (reported).</summary>
public sealed record UsageCost(bool Priced, string? PriceReference, decimal? ListCostUsd, decimal? EffectiveCostUsd, decimal? BilledCostUsd, string? Warning);
