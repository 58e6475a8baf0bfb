namespace AiFinOps.Contracts.Messages;

/// <summary>
/// Allocation re-priced booked calls (a catalogue change, or an admin re-run): one message per re-pricing page, published
/// after the page is committed and again whenever the page is met again (a redelivered change, a resumed run). Each
/// <see cref="RepricedUsage"/> is a difference, keyed by its ledger <see cref="RepricedUsage.LineId"/>; consumers apply
/// each line id once, so sending a page twice changes nothing.
/// </summary>
public sealed record SpendRepriced
{
    /// <summary>The same for every send of the same page (derived from the page's stream key).</summary>
    public required Guid PageId { get; init; }
    /// <summary>The re-pricing run, e.g. <c>catalogue-42</c> or <c>admin-…</c>.</summary>
    public required string Run { get; init; }
    /// <summary>The catalogue sequence the new prices come from (0 when the run used the catalogue as it is now).</summary>
    public long CatalogueSequence { get; init; }
    public required DateTimeOffset RepricedAt { get; init; }
    public required IReadOnlyList<RepricedUsage> Lines { get; init; }
}

/// <summary>What one call's cost moved by, with the dimensions budgets match on. Positive: it costs more now.</summary>
public sealed record RepricedUsage
{
    /// <summary>The ledger line that booked the difference: the idempotency key.</summary>
    public required string LineId { get; init; }
    public required string EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string Provider { get; init; }
    public required string Model { get; init; }
    public required string Team { get; init; }
    public required string Workflow { get; init; }
    public required string Environment { get; init; }
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
    public required decimal ListCostDeltaUsd { get; init; }
    public required decimal EffectiveCostDeltaUsd { get; init; }
    public required decimal BilledCostDeltaUsd { get; init; }
    /// <summary>-1 when the call got its first price, +1 when it lost it, 0 otherwise.</summary>
    public int UnpricedEventsDelta { get; init; }
}
