namespace AiFinOps.Ingest.Catalogue.Negotiating;

/// <summary>
/// What a contract with a provider changes: a percentage off list, or contracted prices per tier, for the whole
/// provider or one model, from a date (until an end date when it has one). Effective cost = list cost after it.
/// </summary>
public sealed record NegotiatedDiscount
{
    public required string Id { get; init; }
    public required string Provider { get; init; }
    /// <summary>Null: every model of the provider. A model-level discount wins over a provider-level one.</summary>
    public string? Model { get; init; }
    public required DateOnly EffectiveFrom { get; init; }
    /// <summary>Exclusive; null while the contract runs.</summary>
    public DateOnly? EffectiveTo { get; init; }
    public decimal? PercentOff { get; init; }
    public IReadOnlyDictionary<string, TierPrice>? ContractedTiers { get; init; }
    public required string Source { get; init; }

    public bool InForce(DateOnly day) => EffectiveFrom <= day && (EffectiveTo is null || day < EffectiveTo);
}

/// <summary>A discount was agreed (stream key <c>discount:{id}</c>).</summary>
public sealed record DiscountAgreed(NegotiatedDiscount Discount, string SetBy, DateTimeOffset At);

/// <summary>A discount stopped applying from a day on.</summary>
public sealed record DiscountEnded(string Id, DateOnly EndedOn, string SetBy, DateTimeOffset At);

/// <summary>One discount's current terms (inline snapshot).</summary>
public sealed record AgreedDiscount(string Id, NegotiatedDiscount Discount)
{
    public static string StreamKey(string id) => $"discount:{id}";

    public static AgreedDiscount Create(DiscountAgreed e) => new(StreamKey(e.Discount.Id), e.Discount);

    public AgreedDiscount Apply(DiscountEnded e) => this with { Discount = Discount with { EffectiveTo = e.EndedOn } };
}
