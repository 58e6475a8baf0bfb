using AiFinOps.Budgeting.Budgets;

namespace AiFinOps.Budgeting.Spend.RecordingSpend;

/// <summary>What a batch of new usage adds to one budget in one period.</summary>
public sealed record BudgetPeriodDelta(string BudgetId, string Period, decimal SpentUsd, long Events);

/// <summary>Which budgets a batch of usage counts against: the pure half of accrual.</summary>
public static class BudgetAccrual
{
    /// <summary>
    /// Every (budget, period) the usages touch, summed, in key order (the order rows are locked in, so concurrent
    /// consumers never deadlock). Usage before a budget's first period does not count against it.
    /// </summary>
    public static IReadOnlyList<BudgetPeriodDelta> Deltas(IReadOnlyList<Budget> budgets, IReadOnlyList<AccruedUsage> usages) =>
        (from budget in budgets
         where !budget.Archived
         from usage in usages
         where budget.Terms.Scope.Matches(usage)
         let period = BudgetPeriods.KeyOf(budget.Terms.Period, usage.OccurredAt)
         where string.CompareOrdinal(period, budget.FirstPeriod) >= 0
         group usage by (budget.Id, period) into g
         orderby g.Key.Id, g.Key.period
         select new BudgetPeriodDelta(g.Key.Id, g.Key.period, g.Sum(u => u.EffectiveCostUsd), g.Sum(u => (long)u.Events)))
        .ToList();
}
