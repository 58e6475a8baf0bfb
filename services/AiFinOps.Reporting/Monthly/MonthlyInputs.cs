using AiFinOps.Reporting.Outcomes.GettingOutcomes;
using AiFinOps.Reporting.Periods;
using AiFinOps.Reporting.Reviews;
using AiFinOps.Reporting.Sources;

namespace AiFinOps.Reporting.Monthly;

/// <summary>
/// Everything a monthly report is computed from, as fetched. <see cref="Spend"/> and <see cref="PreviousSpend"/>: the
/// month and the month before grouped by team, workflow, environment, provider and model; <see cref="DailySpend"/>: the
/// month per day; <see cref="WorkflowTrend"/>: per workflow and month over the trend's months; <see cref="Outcomes"/>:
/// units delivered over the same months.
/// </summary>
public sealed record MonthlyInputs(
    ReportPeriod Month,
    IReadOnlyList<SpendRow> Spend,
    IReadOnlyList<SpendRow> PreviousSpend,
    IReadOnlyList<SpendRow> DailySpend,
    IReadOnlyList<SpendRow> WorkflowTrend,
    IReadOnlyList<CostCentreCharge> CostCentres,
    IReadOnlyList<CostCentreCharge> PreviousCostCentres,
    IReadOnlyList<MonthlyOutcome> Outcomes,
    DataQualityFigures DataQuality,
    IReadOnlyList<BudgetFigures> Budgets,
    IReadOnlyList<AnomalyFigures> Anomalies,
    IReadOnlyList<DecisionBaseline> Decisions)
{
    /// <summary>How many months the unit-cost trend shows, the report's month included.</summary>
    public const int TrendMonths = 3;
}

/// <summary>A review decision with its workflow's figures in the reviewed quarter: the "before" of realised savings.</summary>
public sealed record DecisionBaseline(ReviewDecisionRecorded Decision, decimal CostUsd, long Calls, IReadOnlyList<MonthlyOutcome> Outcomes);
