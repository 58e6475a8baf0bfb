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
        Deltas(new BudgetIndex(budgets), usages);

    /// <inheritdoc cref="Deltas(IReadOnlyList{Budget}, IReadOnlyList{AccruedUsage})"/>
    public static IReadOnlyList<BudgetPeriodDelta> Deltas(BudgetIndex budgets, IReadOnlyList<AccruedUsage> usages)
    {
        var sums = new Dictionary<(string BudgetId, string Period), (decimal Spent, long Events)>();
        foreach (var (budget, period, usage) in Counted(budgets, usages))
        {
            var sum = sums.GetValueOrDefault((budget.Id, period));
            sums[(budget.Id, period)] = (sum.Spent + usage.EffectiveCostUsd, sum.Events + usage.Events);
        }
        return sums
            .OrderBy(s => s.Key.BudgetId, StringComparer.Ordinal).ThenBy(s => s.Key.Period, StringComparer.Ordinal)
            .Select(s => new BudgetPeriodDelta(s.Key.BudgetId, s.Key.Period, s.Value.Spent, s.Value.Events))
            .ToList();
    }

    /// <summary>
    /// The same usages per (budget, period, workflow) and (budget, period, model), in key order; usage without cost
    /// (unpriced) contributes nothing.
    /// </summary>
    public static IReadOnlyList<ContributorDelta> Contributions(IReadOnlyList<Budget> budgets, IReadOnlyList<AccruedUsage> usages) =>
        Contributions(new BudgetIndex(budgets), usages);

    /// <inheritdoc cref="Contributions(IReadOnlyList{Budget}, IReadOnlyList{AccruedUsage})"/>
    public static IReadOnlyList<ContributorDelta> Contributions(BudgetIndex budgets, IReadOnlyList<AccruedUsage> usages)
    {
        var sums = new Dictionary<(string BudgetId, string Period, string Dimension, string Value), decimal>();
        foreach (var (budget, period, usage) in Counted(budgets, usages.Where(u => u.EffectiveCostUsd != 0)))
        {
            var workflow = (budget.Id, period, SpendContributor.Workflow, usage.Workflow);
            sums[workflow] = sums.GetValueOrDefault(workflow) + usage.EffectiveCostUsd;
            var model = (budget.Id, period, SpendContributor.Model, SpendContributor.ModelName(usage.Provider, usage.Model));
            sums[model] = sums.GetValueOrDefault(model) + usage.EffectiveCostUsd;
        }
        return sums
            .OrderBy(s => s.Key.BudgetId, StringComparer.Ordinal).ThenBy(s => s.Key.Period, StringComparer.Ordinal)
            .ThenBy(s => s.Key.Dimension, StringComparer.Ordinal).ThenBy(s => s.Key.Value, StringComparer.Ordinal)
            .Select(s => new ContributorDelta(s.Key.BudgetId, s.Key.Period, s.Key.Dimension, s.Key.Value, s.Value))
            .ToList();
    }

    /// <summary>Each usage with each budget it counts against and that budget's period of it.</summary>
    private static IEnumerable<(Budget Budget, string Period, AccruedUsage Usage)> Counted(BudgetIndex index, IEnumerable<AccruedUsage> usages)
    {
        foreach (var usage in usages)
        {
            foreach (var budget in index.Matching(usage))
            {
                var period = BudgetPeriods.KeyOf(budget.Terms.Period, usage.OccurredAt);
                if (string.CompareOrdinal(period, budget.FirstPeriod) >= 0) yield return (budget, period, usage);
            }
        }
    }
}
