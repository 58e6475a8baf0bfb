namespace AiFinOps.Ingest.Catalogue.Negotiating;

/// <summary>Pure rules for discounts: what a valid agreement is, and what it does to a call's list cost.</summary>
public static class DiscountDecisions
{
    public static Dictionary<string, string[]> Check(NegotiatedDiscount d)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(d.Provider)) errors["provider"] = ["is required"];
        if ((d.PercentOff is null) == (d.ContractedTiers is null))
            errors["percentOff"] = ["give either percentOff or contractedTiers"];
        else if (d.PercentOff is < 0 or >= 100) errors["percentOff"] = ["must be at least 0 and below 100"];
        else if (d.ContractedTiers is { Count: 0 }) errors["contractedTiers"] = ["name at least one tier"];
        if (d.EffectiveTo <= d.EffectiveFrom) errors["effectiveTo"] = ["must be after effectiveFrom"];
        if (string.IsNullOrWhiteSpace(d.Source)) errors["source"] = ["say which contract this is"];
        return errors;
    }

    /// <summary>
    /// Ending a discount from a day on (exclusive end, like <see cref="NegotiatedDiscount.EffectiveTo"/>). An end can be
    /// brought forward, not pushed back (an extension is a new agreement); the same end again changes nothing.
    /// </summary>
    public static (DiscountEnded? Ended, Refusal? Refusal) End(AgreedDiscount? current, string id, DateOnly? endedOn, string setBy, DateTimeOffset now)
    {
        if (endedOn is not { } day) return (null, Refusal.Invalid("endedOn", "is required: the first day the discount no longer applies, like 2026-01-01"));
        if (current is null) return (null, Refusal.NotFound("id", $"no discount '{id}' is recorded"));
        var terms = current.Discount;
        if (day <= terms.EffectiveFrom)
            return (null, Refusal.Invalid("endedOn", $"{day:yyyy-MM-dd} is not after the discount's start ({terms.EffectiveFrom:yyyy-MM-dd})"));
        if (terms.EffectiveTo == day) return (null, null);
        if (terms.EffectiveTo is { } end && end < day)
            return (null, Refusal.Conflict("endedOn",
                $"discount '{terms.Id}' already ends on {end:yyyy-MM-dd}; an end can be brought forward, not pushed back — record a new discount for the extension"));
        return (new DiscountEnded(terms.Id, day, setBy, now), null);
    }

    /// <summary>The effective cost of a call under a discount: contracted prices for its tier when the contract has
    /// them, else the percentage off list. Without a discount, effective equals list.</summary>
    public static decimal Effective(decimal listCost, Recording.ValidUsage usage, NegotiatedDiscount? discount)
    {
        if (discount is null) return listCost;
        if (discount.ContractedTiers?.TryGetValue(usage.ServiceTier, out var contracted) == true)
            return CallCost.List(usage, contracted);
        return discount.PercentOff is { } percent ? listCost * (100m - percent) / 100m : listCost;
    }
}
