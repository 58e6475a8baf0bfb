namespace AiFinOps.Ingest.Catalogue;

/// <summary>
/// The list price of one model from a date on: one <see cref="TierPrice"/> per service tier it is sold in
/// (<c>standard</c> always; <c>batch</c>, <c>priority</c>, <c>flex</c> where offered), with where the figures come from.
/// </summary>
public sealed record CataloguePrice
{
    public required string Provider { get; init; }
    public required string Model { get; init; }
    public required DateOnly EffectiveFrom { get; init; }
    public required IReadOnlyDictionary<string, TierPrice> Tiers { get; init; }
    /// <summary>The page the figures were read from.</summary>
    public required string Source { get; init; }
    /// <summary>When someone last checked the figures against <see cref="Source"/>.</summary>
    public required DateOnly CheckedOn { get; init; }

    public string Key => $"{Provider}/{Model}";
    public string Reference => $"{Provider}/{Model}@{EffectiveFrom:yyyy-MM-dd}";
}
