using System.Text.Json.Serialization;

namespace AiFinOps.Allocation.Ledger;

/// <summary>
/// Usage of one bus message, or of a batch of them, was booked: the lines not in the ledger before (a redelivery books
/// none, so no event).
/// Stream key <c>usage:{batchId}</c>. The ledger tables are a projection of these events and can be rebuilt from them.
/// The lines are stored compactly (<see cref="LedgerLinesJsonConverter"/>): booking writes one of these per batch.
/// </summary>
public sealed record UsageBooked(Guid BatchId, DateTimeOffset BookedAt,
    [property: JsonConverter(typeof(LedgerLinesJsonConverter))] IReadOnlyList<LedgerLine> Lines);

/// <summary>
/// A catalogue change (or an admin's re-run, <see cref="CatalogueSequence"/> 0) re-priced booked usage: one line per
/// call whose cost changed, carrying the difference. A run books one event per page of affected calls, stream key
/// <c>repricing:{run}:{page}</c> (run = the catalogue sequence, or <c>admin-…</c>); <see cref="Page"/> records where the
/// page ends, so a retried run continues exactly after the pages it already booked.
/// </summary>
public sealed record UsageRepriced(long CatalogueSequence, string Change, DateTimeOffset BookedAt, IReadOnlyList<LedgerLine> Lines,
    RepricingPage? Page = null);

/// <summary>Page <see cref="Number"/> of a re-pricing run: the calls it examined, the last of them (occurred_at, event
/// id) and whether the run ended with it.</summary>
public sealed record RepricingPage(int Number, int Calls, DateTimeOffset LastOccurredAt, string LastEventId, bool IsLast);
