using AiFinOps.Contracts.Messages;

namespace AiFinOps.Contracts.Pricing;

/// <summary>
/// The calls priced exactly as ingest would publish them now (<see cref="PricedUsage"/>: price reference, list,
/// effective and billed cost, catalogue keys, unpriced flag), in request order, and those it could not read.
/// </summary>
public sealed record PriceBatchResult
{
    public required IReadOnlyList<PricedUsage> Usages { get; init; }
    public IReadOnlyList<PriceBatchRejection> Rejected { get; init; } = [];
}

/// <summary>A call the usage contract's validation refuses (it cannot be priced); the field and why.</summary>
public sealed record PriceBatchRejection(string EventId, string Field, string Reason);
