using AiFinOps.Budgeting.Budgets;

namespace AiFinOps.Budgeting.Alerts;

/// <summary>
/// A threshold alert as the history shows it and the publisher sends it: stored in the same transaction as its
/// <see cref="ThresholdCrossed"/> event, so none is ever lost; <see cref="PublishedAt"/> is set once the broker confirmed it.
/// </summary>
public sealed record BudgetAlert(
    Guid Id,
    string BudgetId,
    string BudgetName,
    BudgetScope Scope,
    string Period,
    int ThresholdPercent,
    decimal SpentUsd,
    decimal BudgetUsd,
    decimal PercentUsed,
    DateTimeOffset CrossedAt,
    string Cause,
    string Owner,
    IReadOnlyList<string> Recipients,
    DateTimeOffset? PublishedAt = null)
{
    public static BudgetAlert Of(ThresholdCrossed e, Budget budget) => new(
        e.AlertId, e.BudgetId, e.BudgetName, budget.Terms.Scope, e.Period, e.ThresholdPercent, e.SpentUsd, e.BudgetUsd,
        Math.Round(e.SpentUsd / e.BudgetUsd * 100m, 2), e.CrossedAt, e.Cause, budget.Terms.Owner, budget.Terms.Recipients);
}
