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

    public UsageCost Price(ValidUsage usage) => Explain(usage).Cost;

    /// <summary>The cost with how it came about (price version, tier rates by kind of token, discount): what ingest
    /// books and what a quote shows are the same computation.</summary>
    public PricedCall Explain(ValidUsage usage)
    {
        var day = DateOnly.FromDateTime(usage.OccurredAt.UtcDateTime);
        var book = currentBook();
        var keys = book.CatalogueKeys(usage.Provider, usage.Model);
        var price = book.Find(usage.Provider, usage.Model, day);
        if (price is null)
            return new PricedCall(Unpriced(usage, keys, $"no catalogue price for {usage.Provider}/{usage.Model} on {day:yyyy-MM-dd}"), null, null, null);
        if (!price.Tiers.TryGetValue(usage.ServiceTier, out var tier))
            return new PricedCall(Unpriced(usage, keys, $"{price.Key} has no '{usage.ServiceTier}' tier price in the catalogue (tiers: {string.Join(", ", price.Tiers.Keys)})"), price, null, null);

        var parts = CallCost.Parts(usage, tier);
        var discount = book.DiscountFor(price, day);
        var effective = DiscountDecisions.Effective(parts.Total, usage, discount);
        var reference = usage.ServiceTier == "standard" ? price.Reference : $"{price.Reference}#{usage.ServiceTier}";
        return new PricedCall(new UsageCost(true, reference, parts.Total, effective, usage.ReportedCostUsd, null, discount?.Id, keys), price, parts, discount);
    }

    private static UsageCost Unpriced(ValidUsage usage, IReadOnlyList<string> keys, string why) =>
        new(false, null, null, null, usage.ReportedCostUsd, $"event {usage.EventId}: {why}; recorded as unpriced and re-priced when a price arrives", null, keys);
}

/// <summary>A call's cost and what made it: the price version (null when none), the list cost by kind of token
/// (null when unpriced) and the negotiated discount applied.</summary>
public sealed record PricedCall(UsageCost Cost, CataloguePrice? Price, CostParts? Parts, NegotiatedDiscount? Discount);
