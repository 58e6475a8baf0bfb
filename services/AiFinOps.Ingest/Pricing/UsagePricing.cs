using AiFinOps.Ingest.Catalogue;
using AiFinOps.Ingest.Catalogue.Negotiating;
using AiFinOps.Ingest.Recording;

namespace AiFinOps.Ingest.Pricing;

/// <summary>
/// The one pricing component: finds the catalogue price in force at the call's instant for its service tier and
/// applies the cost rule. No price, or no price for that tier, means unpriced — never a guessed or standard-rate cost.
/// </summary>
public sealed class UsagePricing(Func<PriceBook> currentBook)
{
    public UsagePricing(PriceBook book) : this(() => book) { }

    public UsageCost Price(ValidUsage usage)
    {
        var day = DateOnly.FromDateTime(usage.OccurredAt.UtcDateTime);
        var book = currentBook();
        var price = book.Find(usage.Provider, usage.Model, day);
        if (price is null)
            return Unpriced(usage, $"no catalogue price for {usage.Provider}/{usage.Model} on {day:yyyy-MM-dd}");
        if (!price.Tiers.TryGetValue(usage.ServiceTier, out var tier))
            return Unpriced(usage, $"{price.Key} has no '{usage.ServiceTier}' tier price in the catalogue (tiers: {string.Join(", ", price.Tiers.Keys)})");

        var list = CallCost.List(usage, tier);
        var discount = book.DiscountFor(price, day);
        var effective = DiscountDecisions.Effective(list, usage, discount);
        var reference = usage.ServiceTier == "standard" ? price.Reference : $"{price.Reference}#{usage.ServiceTier}";
        return new UsageCost(true, reference, list, effective, usage.ReportedCostUsd, null, discount?.Id);
    }

    private static UsageCost Unpriced(ValidUsage usage, string why) =>
        new(false, null, null, null, usage.ReportedCostUsd, $"event {usage.EventId}: {why}; recorded as unpriced and re-priced when a price arrives");
}
