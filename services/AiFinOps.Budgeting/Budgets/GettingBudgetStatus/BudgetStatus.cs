namespace AiFinOps.Budgeting.Budgets.GettingBudgetStatus;

/// <summary>
/// Where a budget stands in one period. <see cref="SpentUsd"/> is effective cost (catalogue price after discounts,
/// unpriced calls at 0): the figure allocation's <c>GET /api/v1/spend</c> reports as <c>effectiveCostUsd</c> for the same
/// scope and UTC range. <see cref="BurnRateUsdPerDay"/> is the spend per day elapsed so far (null before the period
/// starts); <see cref="ForecastUsd"/> the projected spend at the period's end by linear run-rate (docs/budgets.md), null
/// before the forecast's minimum elapsed share of the period.
/// </summary>
public sealed record BudgetStatus(
    string BudgetId,
    string Name,
    string Scope,
    string Period,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    decimal AmountUsd,
    decimal SpentUsd,
    decimal RemainingUsd,
    decimal PercentUsed,
    long Events,
    int DaysLeft,
    bool Archived,
    IReadOnlyList<ThresholdStatus> Thresholds,
    decimal? BurnRateUsdPerDay,
    decimal? ForecastUsd,
    ForecastAlertStatus ForecastAlert);

/// <summary>One threshold: at what spend it lies, and when it was crossed (null while not).</summary>
public sealed record ThresholdStatus(int Percent, decimal AtUsd, bool Crossed, DateTimeOffset? CrossedAt, decimal? SpentWhenCrossedUsd);

/// <summary>
/// The forecast alert rule in this period: whether the projection is above the budget now, how many forecast alerts were
/// raised, and the projection the last one alerted (the next is raised only when the projection is materially worse).
/// </summary>
public sealed record ForecastAlertStatus(bool ProjectedOverBudget, int AlertsRaised, decimal? LastAlertedForecastUsd, DateTimeOffset? LastAlertedAt);
