using System.Globalization;
using AiFinOps.Contracts.Messages;
using AiFinOps.Ingest.Catalogue.Negotiating;

namespace AiFinOps.Ingest.Catalogue.PublishingChanges;

/// <summary>
/// Which usage a catalogue event changes the cost of, as a pure function of the event and the state of its stream
/// just before it: the provider, the catalogue model (null = all of the provider's) and the window of
/// <c>occurred_at</c>. Days are UTC days, as pricing reads them.
/// </summary>
public static class AffectedUsage
{
    /// <summary>The start of a window that reaches back to the first event ever recorded.</summary>
    public static readonly DateTimeOffset AllTime = DateTimeOffset.MinValue;

    /// <summary>The stored event types that change the catalogue, in the stream order the kinds are listed.</summary>
    public static readonly IReadOnlyList<Type> EventTypes =
        [typeof(PriceSet), typeof(PriceCorrected), typeof(ModelAliased), typeof(ModelRetired), typeof(DiscountAgreed), typeof(DiscountEnded)];

    /// <summary>
    /// The change record of the catalogue event with global sequence <paramref name="sequence"/>, or null when the event
    /// is not a catalogue change. <paramref name="before"/> is its stream's aggregate before the event
    /// (<see cref="ModelPriceHistory"/> or <see cref="AgreedDiscount"/>; null for the stream's first event).
    /// </summary>
    public static CatalogueChanged? Of(long sequence, object @event, object? before) => @event switch
    {
        PriceSet e => PriceVersion(sequence, "price-set", e.Price, before as ModelPriceHistory, e.SetBy, e.At,
            $"price of {e.Price.Key} from {e.Price.EffectiveFrom:yyyy-MM-dd} set"),
        PriceCorrected e => PriceVersion(sequence, "price-corrected", e.Price, before as ModelPriceHistory, e.SetBy, e.At,
            $"price of {e.Price.Key} from {e.Price.EffectiveFrom:yyyy-MM-dd} corrected: {e.Reason}"),
        ModelAliased e => Aliased(sequence, e),
        ModelRetired e => Retired(sequence, e, before as ModelPriceHistory),
        DiscountAgreed e => Agreed(sequence, e),
        DiscountEnded e => Ended(sequence, e, before as AgreedDiscount
            ?? throw new InvalidOperationException($"discount '{e.Id}' ended (event {sequence}) but was never agreed")),
        _ => null,
    };

    /// <summary>A version from D re-prices [D, the next version's date): events before D, or from the next version on,
    /// keep the price they had. A correction re-prices exactly the window of the version it corrects.</summary>
    private static CatalogueChanged PriceVersion(long sequence, string kind, CataloguePrice price, ModelPriceHistory? before,
        string by, DateTimeOffset at, string description)
    {
        var next = before?.Versions.Where(v => v.EffectiveFrom > price.EffectiveFrom).Select(v => (DateOnly?)v.EffectiveFrom).Min();
        return Change(sequence, kind, price.Provider, price.Model, Start(price.EffectiveFrom), next is { } to ? Start(to) : null, by, at, description);
    }

    /// <summary>An alias has no date: it decides the price of every call sent under the alias name, whenever made.</summary>
    private static CatalogueChanged Aliased(long sequence, ModelAliased e) =>
        Change(sequence, "model-aliased", e.Alias.Provider, e.Alias.Alias, AllTime, null, e.SetBy, e.At,
            $"{e.Alias.Provider}/{e.Alias.Alias} aliased to {e.Alias.TargetProvider}/{e.Alias.TargetModel}");

    private static CatalogueChanged Retired(long sequence, ModelRetired e, ModelPriceHistory? before)
    {
        // Re-dating a retirement affects calls from the earlier of the two dates.
        var from = before?.RetiredOn is { } earlier && earlier < e.RetiredOn ? earlier : e.RetiredOn;
        return Change(sequence, "model-retired", e.Provider, e.Model, Start(from), null, e.SetBy, e.At,
            $"{e.Provider}/{e.Model} retired on {e.RetiredOn:yyyy-MM-dd}");
    }

    private static CatalogueChanged Agreed(long sequence, DiscountAgreed e)
    {
        var d = e.Discount;
        var until = d.EffectiveTo is { } to ? $" to {to:yyyy-MM-dd}" : "";
        return Change(sequence, "discount-set", d.Provider, d.Model, Start(d.EffectiveFrom), d.EffectiveTo is { } end ? Start(end) : null,
            e.SetBy, e.At, $"discount {d.Id} ({Terms(d)} on {Scope(d)}) from {d.EffectiveFrom:yyyy-MM-dd}{until} agreed");
    }

    /// <summary>Ending a discount changes the calls between the new end and the old one (open-ended before).</summary>
    private static CatalogueChanged Ended(long sequence, DiscountEnded e, AgreedDiscount before)
    {
        var d = before.Discount;
        var (from, to) = d.EffectiveTo is not { } oldEnd ? (e.EndedOn, (DateOnly?)null)
            : oldEnd < e.EndedOn ? (oldEnd, e.EndedOn)
            : (e.EndedOn, oldEnd);
        return Change(sequence, "discount-ended", d.Provider, d.Model, Start(from), to is { } t ? Start(t) : null, e.SetBy, e.At,
            $"discount {d.Id} ({Terms(d)} on {Scope(d)}) ended on {e.EndedOn:yyyy-MM-dd}");
    }

    private static CatalogueChanged Change(long sequence, string kind, string provider, string? model, DateTimeOffset from,
        DateTimeOffset? to, string by, DateTimeOffset at, string description) => new()
        {
            Sequence = sequence,
            Kind = kind,
            Provider = provider.ToLowerInvariant(),
            Model = model?.ToLowerInvariant(),
            AffectedFrom = from,
            AffectedTo = to,
            ChangedAt = at,
            ChangedBy = by,
            Description = description,
        };

    private static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static string Terms(NegotiatedDiscount d) =>
        d.PercentOff is { } percent ? $"{percent.ToString(CultureInfo.InvariantCulture)} % off list" : $"contracted {string.Join("/", d.ContractedTiers?.Keys ?? [])} prices";

    private static string Scope(NegotiatedDiscount d) => d.Model is null ? $"every {d.Provider} model" : $"{d.Provider}/{d.Model}";
}
