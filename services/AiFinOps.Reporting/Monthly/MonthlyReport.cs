using AiFinOps.Reporting.Sources;

namespace AiFinOps.Reporting.Monthly;

/// <summary>
/// The monthly AI cost report. Every cost is effective cost (catalogue price after negotiated discounts) in USD, summed
/// exactly by allocation for the UTC month [<see cref="From"/>, <see cref="To"/>); cost centres are allocation's
/// chargeback statement of the billing period. Lists are ordered (largest first, then by name), so the same inputs
/// always make the same report.
/// </summary>
public sealed record MonthlyReport(
    string Period,
    DateTimeOffset From,
    DateTimeOffset To,
    string PreviousPeriod,
    SpendChange Total,
    IReadOnlyList<SpendBreakdown> ByCostCentre,
    IReadOnlyList<SpendBreakdown> ByTeam,
    IReadOnlyList<SpendBreakdown> ByWorkflow,
    IReadOnlyList<SpendBreakdown> ByModel,
    IReadOnlyList<SpendBreakdown> ByEnvironment,
    IReadOnlyList<DailyCost> Daily,
    IReadOnlyList<UnitCost> UnitEconomics,
    IReadOnlyList<string> WorkflowsWithoutOutcomes,
    IReadOnlyList<BudgetFigures> Budgets,
    IReadOnlyList<AnomalyFigures> Anomalies,
    DataQualityFigures DataQuality,
    IReadOnlyList<Mover> TopMovers,
    IReadOnlyList<RealisedSaving> RealisedSavings);

/// <summary>A period's cost against the period before.</summary>
public sealed record SpendChange(decimal CostUsd, decimal PreviousCostUsd, decimal ChangeUsd, decimal? ChangePercent, long Events, long PreviousEvents);

/// <summary>One name of a dimension (a team, a workflow, <c>provider/model</c>…): its cost, share and change.</summary>
public sealed record SpendBreakdown(string Name, decimal CostUsd, decimal SharePercent, decimal PreviousCostUsd, decimal ChangeUsd, decimal? ChangePercent, long Events);

public sealed record DailyCost(string Day, decimal CostUsd);

/// <summary>
/// Unit economics of a workflow and one of its units of value: the workflow's cost over the units delivered, this month
/// and the months before (<see cref="Trend"/>, oldest first).
/// </summary>
public sealed record UnitCost(string Workflow, string Unit, double Units, decimal CostUsd, decimal? CostPerUnitUsd, decimal? ChangePercent,
    IReadOnlyList<UnitCostPoint> Trend);

public sealed record UnitCostPoint(string Month, decimal CostUsd, double Units, decimal? CostPerUnitUsd);

/// <summary>What moved most against the month before: a workflow, team or model.</summary>
public sealed record Mover(string Dimension, string Name, decimal PreviousCostUsd, decimal CostUsd, decimal ChangeUsd, decimal? ChangePercent);

/// <summary>
/// A review decision and what it realised: the workflow's unit cost in the reviewed quarter against this month's, and
/// the saving that difference made on this month's units (per call when the workflow records no outcomes).
/// </summary>
public sealed record RealisedSaving(string Quarter, string Workflow, string Change, string Description, decimal ExpectedMonthlySavingUsd,
    string Unit, decimal? UnitCostBeforeUsd, decimal? UnitCostAfterUsd, double UnitsThisMonth, decimal? RealisedSavingUsd);
