using AiFinOps.Ingest.Recording;

namespace AiFinOps.Ingest.Pricing;

/// <summary>The one pricing component: finds the price in force at the call's instant and applies the cost rule.</summary>
public sealed class UsagePricing(IReadOnlyList<ModelPrice> prices)
{
    public UsagePricing() : this(StarterPriceTable.Prices) { }

    public UsageCost Price(ValidUsage usage)
    {
        var model = ModelNames.Normalise(usage.Provider, usage.Model);
        var day = DateOnly.FromDateTime(usage.OccurredAt.UtcDateTime);
        var price = prices
            .Where(p => p.Provider == usage.Provider && p.Model == model && p.EffectiveFrom <= day)
            .MaxBy(p => p.EffectiveFrom);

        if (price is null)
        {
            return new UsageCost(false, null, null, null, usage.ReportedCostUsd,
                $"event {usage.EventId}: no price for {usage.Provider}/{usage.Model} on {day:yyyy-MM-dd}; recorded as unpriced and re-priced when a price arrives");
        }

        var list = CostCalculation.ListCost(usage, price);
        return new UsageCost(true, price.Reference, list, list, usage.ReportedCostUsd, null);
    }
}
