using AiFinOps.Budgeting.Budgets;

namespace AiFinOps.Budgeting.Spend.RecordingSpend;

/// <summary>What a batch of new usage adds to one budget in one period.</summary>
public sealed record BudgetPeriodDelta(string BudgetId, string Period, decimal SpentUsd, long Events);

/// <summary>What a batch of new usage adds to one workflow's or model's spend in one budget-period.</summary>
public sealed record ContributorDelta(string BudgetId, string Period, string Dimension, string Value, decimal SpentUsd);

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

    /// <summary>
    /// The same usages per (budget, period, workflow) and (budget, period, model), in key order; usage without cost
    /// (unpriced) contributes nothing.
    /// </summary>
    public static IReadOnlyList<ContributorDelta> Contributions(IReadOnlyList<Budget> budgets, IReadOnlyList<AccruedUsage> usages) =>
        (from budget in budgets
         where !budget.Archived
         from usage in usages
         where usage.EffectiveCostUsd != 0 && budget.Terms.Scope.Matches(usage)
         let period = BudgetPeriods.KeyOf(budget.Terms.Period, usage.OccurredAt)
         where string.CompareOrdinal(period, budget.FirstPeriod) >= 0
         from contributor in new[]
         {
             (Dimension: SpendContributor.Workflow, Value: usage.Workflow),
             (Dimension: SpendContributor.Model, Value: SpendContributor.ModelName(usage.Provider, usage.Model)),
         }
         group usage.EffectiveCostUsd by (budget.Id, period, contributor.Dimension, contributor.Value) into g
         orderby g.Key.Id, g.Key.period, g.Key.Dimension, g.Key.Value
         select new ContributorDelta(g.Key.Id, g.Key.period, g.Key.Dimension, g.Key.Value, g.Sum()))
        .ToList();
}
