using AiFinOps.Allocation.Ledger;

namespace AiFinOps.Allocation.Repricing;

/// <summary>
/// A call as the ledger holds it now: its usage line's dimensions and tokens, the catalogue keys of all its lines, and
/// its cost so far (<see cref="Booked"/>: the sums over its usage line and every re-pricing line since).
/// </summary>
public sealed record BookedCall(
    string EventId,
    DateTimeOffset OccurredAt,
    string Provider,
    string Model,
    string ServiceTier,
    string Team,
    string Workflow,
    string Environment,
    IReadOnlyDictionary<string, string> Tags,
    string RunId,
    string RecordedBy,
    long InputTokens,
    long OutputTokens,
    long CacheReadTokens,
    long CacheWriteTokens,
    long ReasoningTokens,
    IReadOnlyList<string> CatalogueKeys,
    CallCost Booked);

/// <summary>
/// What a call costs in the ledger: <see cref="UnpricedEvents"/> 1 while it has no price, 0 once priced; the reported
/// cost (null when the app reported none) stays the billed cost; drift = reported − effective when both are known.
/// </summary>
public readonly record struct CallCost(
    long UnpricedEvents,
    decimal ListCostUsd,
    decimal EffectiveCostUsd,
    decimal BilledCostUsd,
    decimal? ReportedCostUsd,
    decimal BilledDriftUsd,
    CostByTokenType ListCostByTokenType);
