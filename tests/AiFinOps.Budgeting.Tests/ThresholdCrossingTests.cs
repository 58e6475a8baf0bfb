using AiFinOps.Budgeting.Alerts;
using AiFinOps.Budgeting.Budgets;

namespace AiFinOps.Budgeting.Tests;

public sealed class ThresholdCrossingTests
{
    private static IReadOnlyList<ThresholdCrossed> Decide(Budget budget, decimal spent, BudgetPeriodAlerts? state = null, string period = "2026-11") =>
        BudgetPeriodAlerts.Decide(state, budget, period, spent, Budgets.Now, BudgetPeriodAlerts.CauseSpend);

    private static BudgetPeriodAlerts? After(IEnumerable<ThresholdCrossed> events) =>
        events.Aggregate((BudgetPeriodAlerts?)null, (s, e) => s is null ? BudgetPeriodAlerts.Create(e) : s.Apply(e));

    [Fact]
    public void Spend_below_the_first_threshold_raises_nothing() => Assert.Empty(Decide(Budgets.Defined(amount: 100m), 79.99m));

    [Fact]
    public void Crossing_80_percent_raises_one_alert_for_80()
    {
        var crossed = Assert.Single(Decide(Budgets.Defined(amount: 100m), 80m));

        Assert.Equal(80, crossed.ThresholdPercent);
        Assert.Equal(80m, crossed.SpentUsd);
        Assert.Equal(100m, crossed.BudgetUsd);
        Assert.Equal("team:search", crossed.Scope);
    }

    [Fact]
    public void A_jump_past_several_thresholds_raises_each_once_lowest_first() =>
        Assert.Equal([80, 100], Decide(Budgets.Defined(amount: 100m), 250m).Select(c => c.ThresholdPercent));

    [Fact]
    public void A_threshold_crossed_in_a_period_is_never_raised_again_in_it()
    {
        var budget = Budgets.Defined(amount: 100m);
        var state = After(Decide(budget, 85m));

        Assert.Empty(Decide(budget, 90m, state));
        Assert.Equal([100], Decide(budget, 100m, state).Select(c => c.ThresholdPercent));
    }

    [Fact]
    public void A_correction_below_and_a_rise_again_does_not_raise_a_second_alert()
    {
        var budget = Budgets.Defined(amount: 100m);
        var state = After(Decide(budget, 85m));

        Assert.Empty(Decide(budget, 60m, state));
        Assert.Empty(Decide(budget, 85m, state));
    }

    [Fact]
    public void The_next_period_starts_with_no_threshold_crossed()
    {
        var budget = Budgets.Defined(amount: 100m);
        _ = After(Decide(budget, 85m));

        Assert.Single(Decide(budget, 85m, state: null, period: "2026-12"));
    }

    [Fact]
    public void An_amendment_lowering_the_amount_below_spend_raises_the_thresholds_now_reached()
    {
        var budget = Budgets.Defined(amount: 100m);
        var state = After(Decide(budget, 50m));
        var lowered = budget.Apply(new BudgetAmended(budget.Id, budget.Terms with { AmountUsd = 40m }, Budgets.Now, "k"));

        Assert.Equal([80, 100], BudgetPeriodAlerts.Decide(state, lowered, "2026-11", 50m, Budgets.Now, BudgetPeriodAlerts.CauseAmendment)
            .Select(c => c.ThresholdPercent));
    }

    [Fact]
    public void An_amendment_raising_the_amount_never_takes_back_or_repeats_an_alert()
    {
        var budget = Budgets.Defined(amount: 100m);
        var state = After(Decide(budget, 85m));
        var raised = budget.Apply(new BudgetAmended(budget.Id, budget.Terms with { AmountUsd = 1000m }, Budgets.Now, "k"));

        Assert.Empty(Decide(raised, 900m, state));
        Assert.Equal([100], Decide(raised, 1000m, state).Select(c => c.ThresholdPercent));
    }

    [Fact]
    public void An_archived_budget_raises_nothing()
    {
        var budget = Budgets.Defined(amount: 100m);

        Assert.Empty(Decide(budget.Apply(new BudgetArchived(budget.Id, Budgets.Now, "k")), 500m));
    }

    [Fact]
    public void Periods_before_the_budget_was_defined_raise_nothing() =>
        Assert.Empty(Decide(Budgets.Defined(amount: 100m), 500m, period: "2026-10"));

    [Fact]
    public void The_alert_id_is_the_same_for_the_same_budget_period_and_threshold_and_differs_otherwise()
    {
        Assert.Equal(BudgetPeriodAlerts.AlertIdOf("b", "2026-11", 80), BudgetPeriodAlerts.AlertIdOf("b", "2026-11", 80));
        Assert.NotEqual(BudgetPeriodAlerts.AlertIdOf("b", "2026-11", 80), BudgetPeriodAlerts.AlertIdOf("b", "2026-11", 100));
        Assert.NotEqual(BudgetPeriodAlerts.AlertIdOf("b", "2026-11", 80), BudgetPeriodAlerts.AlertIdOf("b", "2026-12", 80));
    }
}
