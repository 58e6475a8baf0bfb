namespace AiFinOps.Allocation.DataQuality.GettingDataQuality;

/// <summary>
/// How far the spend can be trusted and allocated over [<see cref="From"/>, <see cref="To"/>): tag coverage, untagged
/// spend by the API key that sent it, calls without a price, and drift between what providers billed and the catalogue.
/// Spend here is the billed cost: what the provider reported, or the catalogue's effective cost where it reported nothing.
/// </summary>
public sealed record DataQualityReport(
    DateTimeOffset From,
    DateTimeOffset To,
    DataQualityTotals Totals,
    TagCoverage TagCoverage,
    IReadOnlyList<UntaggedSpendByKey> UntaggedByApiKey,
    UnpricedUsageSummary Unpriced,
    CatalogueDrift CatalogueDrift);

public sealed record DataQualityTotals(long Events, decimal ListCostUsd, decimal EffectiveCostUsd, decimal BilledCostUsd);

/// <summary>Share of events and of spend whose team, workflow, environment (and all three) are set, i.e. not
/// <see cref="Untagged"/>.</summary>
public sealed record TagCoverage(string Untagged, Coverage Team, Coverage Workflow, Coverage Environment, Coverage AllThree);

/// <summary>Tagged events and spend, as counts and as percentages of the totals (null when the total is zero).</summary>
public sealed record Coverage(long TaggedEvents, decimal? EventsPercent, decimal TaggedBilledCostUsd, decimal? SpendPercent);

/// <summary>Usage missing a team, workflow or environment, per API key name that recorded it (empty: recorded before
/// ingest named the key).</summary>
public sealed record UntaggedSpendByKey(string ApiKey, long Events, decimal BilledCostUsd, decimal EffectiveCostUsd,
    long WithoutTeam, long WithoutWorkflow, long WithoutEnvironment);

/// <summary>Calls without a catalogue price now (re-priced calls no longer count), per provider and model as sent;
/// <see cref="Details"/> lists them with sample event ids.</summary>
public sealed record UnpricedUsageSummary(long Events, decimal? EventsPercent, string Details, IReadOnlyList<UnpricedModelCount> Models);

public sealed record UnpricedModelCount(string Provider, string Model, long UnpricedEvents, long Events);

/// <summary>
/// Reported (billed) cost against the catalogue's effective cost for the same calls, where the app reported a cost and
/// the catalogue prices the call. Reported calls without a catalogue price cannot drift and are counted apart.
/// </summary>
public sealed record CatalogueDrift(DriftFigures Total, IReadOnlyList<ModelDrift> Models);

public sealed record DriftFigures(long ReportedEvents, decimal ReportedCostUsd, decimal CatalogueCostUsd, decimal DriftUsd,
    decimal? DriftPercent, long UnpricedReportedEvents);

public sealed record ModelDrift(string Provider, string Model, long ReportedEvents, decimal ReportedCostUsd, decimal CatalogueCostUsd,
    decimal DriftUsd, decimal? DriftPercent, long UnpricedReportedEvents);
