namespace AiFinOps.Ingest.Catalogue;

/// <summary>A price took effect for a model from a date (a new version of its price list).</summary>
public sealed record PriceSet(CataloguePrice Price, string SetBy, DateTimeOffset At);

/// <summary>A price version was wrong and is replaced, with the reason; the earlier figures stay in the stream.</summary>
public sealed record PriceCorrected(CataloguePrice Price, string Reason, string SetBy, DateTimeOffset At);

/// <summary>The provider stopped selling the model from a day on; calls after it are still priced at its last price.</summary>
public sealed record ModelRetired(string Provider, string Model, DateOnly RetiredOn, string SetBy, DateTimeOffset At);

/// <summary>
/// Every price a model has had, folded from its stream (key <c>price:{provider}/{model}</c>; inline snapshot).
/// <see cref="Version"/> counts the changes, so each price reference is auditable back to its event.
/// </summary>
public sealed record ModelPriceHistory(string Id, string Provider, string Model, IReadOnlyList<CataloguePrice> Versions, DateOnly? RetiredOn, int Version)
{
    public static string StreamKey(string provider, string model) => $"price:{provider.ToLowerInvariant()}/{model.ToLowerInvariant()}";

    public static ModelPriceHistory Create(PriceSet e) =>
        new(StreamKey(e.Price.Provider, e.Price.Model), e.Price.Provider, e.Price.Model, [e.Price], null, 1);

    public ModelPriceHistory Apply(PriceSet e) => this with
    {
        Versions = [.. Versions.Where(v => v.EffectiveFrom != e.Price.EffectiveFrom), e.Price],
        Version = Version + 1,
    };

    public ModelPriceHistory Apply(PriceCorrected e) => this with
    {
        Versions = [.. Versions.Where(v => v.EffectiveFrom != e.Price.EffectiveFrom), e.Price],
        Version = Version + 1,
    };

    public ModelPriceHistory Apply(ModelRetired e) => this with { RetiredOn = e.RetiredOn, Version = Version + 1 };

    public CataloguePrice? VersionFrom(DateOnly effectiveFrom) => Versions.FirstOrDefault(v => v.EffectiveFrom == effectiveFrom);
}
