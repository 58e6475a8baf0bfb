namespace AiFinOps.Ingest.Catalogue;

/// <summary>Pure decisions over the catalogue: what a request to set or correct a price means, or why it is refused.</summary>
public static class CatalogueDecisions
{
    public static readonly IReadOnlySet<string> Tiers = new HashSet<string> { "standard", "batch", "priority", "flex" };

    public static Dictionary<string, string[]> Check(CataloguePrice price)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(price.Provider)) errors["provider"] = ["is required"];
        if (string.IsNullOrWhiteSpace(price.Model)) errors["model"] = ["is required"];
        if (!price.Tiers.ContainsKey("standard")) errors["tiers"] = ["a 'standard' tier is required"];
        else if (price.Tiers.Keys.FirstOrDefault(t => !Tiers.Contains(t)) is { } unknown)
            errors["tiers"] = [$"'{unknown}' is not a service tier; use standard, batch, priority or flex"];
        else if (price.Tiers.Values.SelectMany(t => t.LongContext.Select(l => l.Rates).Prepend(t.Rates)).Any(Negative))
            errors["tiers"] = ["prices must not be negative"];
        if (string.IsNullOrWhiteSpace(price.Source)) errors["source"] = ["say where the figures come from (a pricing page URL or a contract)"];
        return errors;
    }

    /// <summary>Setting a price adds a version; the same effective date with the same figures changes nothing; with
    /// other figures it is a conflict that needs an explicit correction.</summary>
    public static (PriceSet? Set, string? Conflict) Set(ModelPriceHistory? history, CataloguePrice price, string setBy, DateTimeOffset now)
    {
        var existing = history?.VersionFrom(price.EffectiveFrom);
        if (existing is null) return (new PriceSet(price, setBy, now), null);
        return SameFigures(existing, price)
            ? (null, null)
            : (null, $"{price.Reference} already has other figures (from {existing.Source}); correct it with a reason instead of overwriting it");
    }

    public static (PriceCorrected? Corrected, string? Error) Correct(ModelPriceHistory? history, CataloguePrice price, string reason, string setBy, DateTimeOffset now)
    {
        if (history?.VersionFrom(price.EffectiveFrom) is null) return (null, $"{price.Reference} does not exist; set it first");
        if (string.IsNullOrWhiteSpace(reason)) return (null, "a correction needs a reason");
        return (new PriceCorrected(price, reason.Trim(), setBy, now), null);
    }

    public static bool SameFigures(CataloguePrice a, CataloguePrice b) =>
        a.Tiers.Count == b.Tiers.Count
        && a.Tiers.All(t => b.Tiers.TryGetValue(t.Key, out var other)
            && other.Rates == t.Value.Rates && other.LongContext.SequenceEqual(t.Value.LongContext));

    private static bool Negative(TokenRates r) =>
        r.Input < 0 || r.Output < 0 || r.CacheRead < 0 || r.CacheWrite < 0 || r.CacheWrite1h < 0 || r.Reasoning < 0;
}
