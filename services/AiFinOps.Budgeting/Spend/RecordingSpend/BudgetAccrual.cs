using System.Runtime.InteropServices;
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
        var periods = new PeriodKeys();
        var matching = new List<Budget>();
        foreach (var usage in usages)
        {
            budgets.Match(usage, matching);
            foreach (var budget in matching)
            {
                if (periods.Counted(budget, usage.OccurredAt) is not { } period) continue;
                ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(sums, (budget.Id, period), out _);
                sum = (sum.Spent + usage.EffectiveCostUsd, sum.Events + usage.Events);
            }
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
        var periods = new PeriodKeys();
        var matching = new List<Budget>();
        foreach (var usage in usages)
        {
            if (usage.EffectiveCostUsd == 0) continue;
            budgets.Match(usage, matching);
            string? modelName = null;
            foreach (var budget in matching)
            {
                if (periods.Counted(budget, usage.OccurredAt) is not { } period) continue;
                CollectionsMarshal.GetValueRefOrAddDefault(sums, (budget.Id, period, SpendContributor.Workflow, usage.Workflow), out _)
                    += usage.EffectiveCostUsd;
                modelName ??= SpendContributor.ModelName(usage.Provider, usage.Model);
                CollectionsMarshal.GetValueRefOrAddDefault(sums, (budget.Id, period, SpendContributor.Model, modelName), out _)
                    += usage.EffectiveCostUsd;
            }
        }
        return sums
            .OrderBy(s => s.Key.BudgetId, StringComparer.Ordinal).ThenBy(s => s.Key.Period, StringComparer.Ordinal)
            .ThenBy(s => s.Key.Dimension, StringComparer.Ordinal).ThenBy(s => s.Key.Value, StringComparer.Ordinal)
            .Select(s => new ContributorDelta(s.Key.BudgetId, s.Key.Period, s.Key.Dimension, s.Key.Value, s.Value))
            .ToList();
    }

    /// <summary>
    /// A budget's period of a usage, or null when the usage is before the budget's first period (it does not count). The
    /// keys are made once per calendar month of the batch, not once per usage and budget: a batch's usages mostly share
    /// one month.
    /// </summary>
    private sealed class PeriodKeys
    {
        private int year, month;
        private string? monthly, quarterly;

        public string? Counted(Budget budget, DateTimeOffset occurredAt)
        {
            var period = Of(budget.Terms.Period, occurredAt);
            return string.CompareOrdinal(period, budget.FirstPeriod) >= 0 ? period : null;
        }

        private string Of(string kind, DateTimeOffset instant)
        {
            var utc = instant.UtcDateTime;
            if (monthly is null || quarterly is null || utc.Year != year || utc.Month != month)
            {
                (year, month) = (utc.Year, utc.Month);
                monthly = BudgetPeriods.KeyOf(BudgetPeriods.Monthly, instant);
                quarterly = BudgetPeriods.KeyOf(BudgetPeriods.Quarterly, instant);
            }
            return kind == BudgetPeriods.Quarterly ? quarterly : monthly;
        }
    }
}
