namespace AiFinOps.Allocation.DataQuality.ListingUnpricedUsage;

/// <summary>Calls booked without a price, per provider and model as the apps sent it: what the catalogue lacks,
/// and — for a model that just got a price — which calls a re-pricing will touch.</summary>
public sealed record UnpricedUsage(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<UnpricedModel> Models);

public sealed record UnpricedModel(
    string Provider,
    string Model,
    long Events,
    long InputTokens,
    long OutputTokens,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    IReadOnlyList<string> SampleEventIds);
