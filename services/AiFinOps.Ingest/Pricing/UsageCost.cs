namespace AiFinOps.Ingest.Pricing;

/// <summary>
/// The cost of one call: list (public price), effective (after negotiated discounts), billed (what the provider
/// reported). <see cref="BilledDriftUsd"/> = billed − effective when both are known: catalogue drift to look into.
/// <see cref="CatalogueKeys"/>: the catalogue names the call's model resolves to (see <c>PriceBook.CatalogueKeys</c>).
/// </summary>
public sealed record UsageCost(bool Priced, string? PriceReference, decimal? ListCostUsd, decimal? EffectiveCostUsd, decimal? BilledCostUsd,
    string? Warning, string? DiscountReference = null, IReadOnlyList<string>? CatalogueKeys = null)
{
    public decimal? BilledDriftUsd => BilledCostUsd - EffectiveCostUsd;
}
