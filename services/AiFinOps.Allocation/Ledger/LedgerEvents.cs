namespace AiFinOps.Allocation.Ledger;

/// <summary>
/// Usage of one bus message was booked: the lines not in the ledger before (a redelivery books none, so no event).
/// Stream key <c>usage:{batchId}</c>. The ledger tables are a projection of these events and can be rebuilt from them.
/// </summary>
public sealed record UsageBooked(Guid BatchId, DateTimeOffset BookedAt, IReadOnlyList<LedgerLine> Lines);

/// <summary>
/// A catalogue change re-priced booked usage: one line per call whose cost changed, carrying the difference.
/// Stream key <c>repricing:{catalogueSequence}</c>.
/// </summary>
public sealed record UsageRepriced(long CatalogueSequence, string Change, DateTimeOffset BookedAt, IReadOnlyList<LedgerLine> Lines);
