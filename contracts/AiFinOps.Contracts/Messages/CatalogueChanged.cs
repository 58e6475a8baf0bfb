namespace AiFinOps.Contracts.Messages;

/// <summary>
/// The price catalogue changed in a way that alters what some already priced (or unpriced) usage costs. Ingest
/// publishes one per catalogue event, at least once, in <see cref="Sequence"/> order; consumers stay idempotent on it.
/// The usage affected: events whose occurred_at lies in [<see cref="AffectedFrom"/>, <see cref="AffectedTo"/>)
/// (open-ended when null) and whose <see cref="PricedUsage.CatalogueKeys"/> name the changed model — either the event
/// is of <see cref="Provider"/> and its keys contain <see cref="Model"/>, or (a call sent through another platform's
/// alias, e.g. Bedrock → anthropic) its keys contain <c>"{Provider}/{Model}"</c>. When <see cref="Model"/> is null
/// (a provider-wide discount) every event of <see cref="Provider"/> and every event with a key starting
/// <c>"{Provider}/"</c> is affected.
/// </summary>
public sealed record CatalogueChanged
{
    /// <summary>The catalogue event's global sequence number: unique, increasing, the idempotency key.</summary>
    public required long Sequence { get; init; }
    /// <summary>price-set, price-corrected, model-aliased, model-retired, discount-set, discount-ended.</summary>
    public required string Kind { get; init; }
    public required string Provider { get; init; }
    /// <summary>The catalogue model name (lower case, no provider prefix, no snapshot date); null = every model.</summary>
    public string? Model { get; init; }
    public required DateTimeOffset AffectedFrom { get; init; }
    public DateTimeOffset? AffectedTo { get; init; }
    public required DateTimeOffset ChangedAt { get; init; }
    public required string ChangedBy { get; init; }
    /// <summary>What changed, for people: "price of openai/gpt-4o from 2025-01-01 set".</summary>
    public required string Description { get; init; }
}
