using AiFinOps.Ingest.Catalogue.Negotiating;

namespace AiFinOps.Ingest.Catalogue;

/// <summary>
/// The catalogue as a lookup: the price in force for a provider's model at an instant, through aliases and name
/// normalisation. Immutable; a new book is built when the catalogue changes.
/// </summary>
public sealed class PriceBook
{
    private readonly Dictionary<string, CataloguePrice[]> pricesByKey;
    private readonly Dictionary<string, ModelAlias> aliases;
    private readonly NegotiatedDiscount[] discounts;

    public PriceBook(IEnumerable<CataloguePrice> prices, IEnumerable<ModelAlias> modelAliases, IEnumerable<NegotiatedDiscount>? negotiated = null)
    {
        discounts = (negotiated ?? []).ToArray();
        pricesByKey = prices
            .GroupBy(p => Key(p.Provider, p.Model))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.EffectiveFrom).ToArray());
        aliases = modelAliases.ToDictionary(a => Key(a.Provider, a.Alias));
    }

    public IEnumerable<CataloguePrice> All => pricesByKey.Values.SelectMany(p => p);

    /// <summary>The price in force on <paramref name="day"/>, or null when the catalogue has none for that model then.</summary>
    public CataloguePrice? Find(string provider, string model, DateOnly day)
    {
        foreach (var name in CatalogueModelNames.Candidates(provider, model))
        {
            var key = Key(provider, name);
            if (aliases.TryGetValue(key, out var alias)) key = Key(alias.TargetProvider, alias.TargetModel);
            if (pricesByKey.TryGetValue(key, out var history))
                return history.FirstOrDefault(p => p.EffectiveFrom <= day);
        }
        return null;
    }

    /// <summary>
    /// The catalogue names a call's model is found under, most specific first: its own normalised names, then the
    /// targets of the aliases among them. A target of another provider is written <c>provider/model</c>
    /// (<c>anthropic/claude-sonnet-4</c> for a Bedrock name), since a bare name only means something within the
    /// call's own provider. With them a change to the catalogue model that priced a call finds the call.
    /// </summary>
    public IReadOnlyList<string> CatalogueKeys(string provider, string model)
    {
        var names = CatalogueModelNames.Candidates(provider, model);
        var keys = new List<string>(names);
        foreach (var name in names)
        {
            if (!aliases.TryGetValue(Key(provider, name), out var alias)) continue;
            var target = alias.TargetModel.ToLowerInvariant();
            keys.Add(string.Equals(alias.TargetProvider, provider, StringComparison.OrdinalIgnoreCase)
                ? target
                : Key(alias.TargetProvider, target));
        }
        return keys.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The discount in force for a catalogue model on a day: a model-level one before a provider-level one.</summary>
    public NegotiatedDiscount? DiscountFor(CataloguePrice price, DateOnly day) =>
        discounts.Where(d => d.InForce(day) && d.Provider == price.Provider && (d.Model is null || d.Model == price.Model))
            .OrderByDescending(d => d.Model is not null)
            .ThenByDescending(d => d.EffectiveFrom)
            .FirstOrDefault();

    public IReadOnlyList<NegotiatedDiscount> Discounts => discounts;

    private static string Key(string provider, string model) => $"{provider.ToLowerInvariant()}/{model.ToLowerInvariant()}";
}
