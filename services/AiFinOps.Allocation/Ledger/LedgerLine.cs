namespace AiFinOps.Allocation.Ledger;

/// <summary>
/// One line of the spend ledger: a call's usage as booked (<see cref="LineKinds.Usage"/>), or the cost difference a
/// re-pricing made (<see cref="LineKinds.Repricing"/>: no tokens, no event count, and -1 unpriced event when it
/// priced a call that had no price). Costs are decimal USD; the billed
/// cost is what the provider reported, or the effective cost when it reported nothing. A line booked into a later
/// billing period than its usage's own (that one was closed) is a <see cref="ChargeClasses.Correction"/>.
/// </summary>
public sealed record LedgerLine(
    string LineId,
    string EventId,
    string Kind,
    string BillingPeriod,
    string ChargeClass,
    DateTimeOffset OccurredAt,
    string Provider,
    string Model,
    IReadOnlyList<string> CatalogueKeys,
    string ServiceTier,
    string Team,
    string Workflow,
    string Environment,
    IReadOnlyDictionary<string, string> Tags,
    string RunId,
    string RecordedBy,
    long Events,
    long UnpricedEvents,
    long InputTokens,
    long OutputTokens,
    long CacheReadTokens,
    long CacheWriteTokens,
    long ReasoningTokens,
    bool Priced,
    string? PriceReference,
    string? DiscountReference,
    decimal ListCostUsd,
    decimal EffectiveCostUsd,
    decimal BilledCostUsd,
    decimal? ReportedCostUsd,
    decimal? BilledDriftUsd)
{
    /// <summary>The tag that names a call's cost centre directly (it wins over every cost-centre rule).</summary>
    public const string CostCentreTag = "cost_centre";

    public string CostCentreTagValue => Tags.TryGetValue(CostCentreTag, out var value) ? value : "";

    /// <summary><see cref="ListCostUsd"/> by kind of token; zeros where the split is not known (see <see cref="CostByTokenType"/>).</summary>
    public CostByTokenType ListCostByTokenType { get; init; }
}

public static class LineKinds
{
    public const string Usage = "usage";
    public const string Repricing = "repricing";
}

/// <summary>FOCUS <c>ChargeClass</c>: null for regular charges, <c>Correction</c> for charges that correct a closed period.</summary>
public static class ChargeClasses
{
    public const string Regular = "";
    public const string Correction = "Correction";
}
