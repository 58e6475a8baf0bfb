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
