namespace AiFinOps.Budgeting.Budgets.GettingBudgetStatus;

/// <summary>
/// Where a budget stands in one period. <see cref="SpentUsd"/> is effective cost (catalogue price after discounts,
/// unpriced calls at 0): the figure allocation's <c>GET /api/v1/spend</c> reports as <c>effectiveCostUsd</c> for the same
/// scope and UTC range.
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
    IReadOnlyList<ThresholdStatus> Thresholds);

/// <summary>One threshold: at what spend it lies, and when it was crossed (null while not).</summary>
public sealed record ThresholdStatus(int Percent, decimal AtUsd, bool Crossed, DateTimeOffset? CrossedAt, decimal? SpentWhenCrossedUsd);
