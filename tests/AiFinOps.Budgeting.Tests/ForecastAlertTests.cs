using AiFinOps.Budgeting.Alerts;
using AiFinOps.Budgeting.Alerts.Forecasting;
using AiFinOps.Budgeting.Budgets;
using AiFinOps.Budgeting.Budgets.OrgMonthlySpend;

namespace AiFinOps.Budgeting.Tests;

/// <summary>The forecast method (linear run-rate) and the forecast alert rule, without a database.</summary>
public sealed class ForecastAlertTests
{
    /// <summary>Half of November 2026 (30 days) has passed.</summary>
    private static readonly DateTimeOffset MidNovember = new(2026, 11, 16, 0, 0, 0, TimeSpan.Zero);

    private static ForecastExceeded? Decide(Budget budget, decimal spent, BudgetPeriodForecast? state = null, DateTimeOffset? now = null,
        ForecastPolicy? policy = null, string period = "2026-11") =>
        BudgetPeriodForecast.Decide(state, budget, period, spent, now ?? MidNovember, policy ?? ForecastPolicy.Default, BudgetPeriodAlerts.CauseSpend);

    private static BudgetPeriodForecast After(ForecastExceeded e, BudgetPeriodForecast? state = null) =>
        state is null ? BudgetPeriodForecast.Create(e) : state.Apply(e);

    [Fact]
    public void The_projection_is_the_spend_so_far_plus_the_same_daily_rate_until_the_period_ends()
    {
        var forecast = SpendForecast.Of("2026-11", 300m, MidNovember, ForecastPolicy.Default);

        Assert.Equal(new SpendForecast(20m, 600m), forecast);
    }

    [Fact]
    public void A_few_cents_of_spend_get_a_burn_rate_and_a_forecast_in_micro_dollars_not_zero()
    {
        // 3 cents in the first 15 days of November: 0.2 cent a day, 6 cents by the end of the month.
        Assert.Equal(new SpendForecast(0.002m, 0.06m), SpendForecast.Of("2026-11", 0.03m, MidNovember, ForecastPolicy.Default));
        // 1 cent in 9 days.
        Assert.Equal(0.001111m, SpendForecast.Of("2026-11", 0.01m, new DateTimeOffset(2026, 11, 10, 0, 0, 0, TimeSpan.Zero), ForecastPolicy.Default)!.BurnRateUsdPerDay);
        // From a dollar up, cents as before.
        Assert.Equal(179.44m, SpendForecast.Rounded(179.439252m));
    }

    [Fact]
    public void A_quarter_is_projected_over_its_own_length()
    {
        // 2026-Q4 has 92 days; 23 have passed on 24 October.
        var forecast = SpendForecast.Of("2026-Q4", 230m, new DateTimeOffset(2026, 10, 24, 0, 0, 0, TimeSpan.Zero), ForecastPolicy.Default);

        Assert.Equal(new SpendForecast(10m, 920m), forecast);
    }

    [Fact]
    public void There_is_no_projection_before_the_minimum_elapsed_share_of_the_period_only_a_burn_rate()
    {
        var early = SpendForecast.Of("2026-11", 30m, new DateTimeOffset(2026, 11, 3, 23, 59, 0, TimeSpan.Zero), ForecastPolicy.Default);
        var threeDays = SpendForecast.Of("2026-11", 30m, new DateTimeOffset(2026, 11, 4, 0, 0, 0, TimeSpan.Zero), ForecastPolicy.Default);

        Assert.Null(early!.ProjectedUsd);
        Assert.Equal(10m, early.BurnRateUsdPerDay);
        Assert.Equal(new SpendForecast(10m, 300m), threeDays);
    }

    [Fact]
    public void The_minimum_elapsed_share_is_configurable() =>
        Assert.Null(SpendForecast.Of("2026-11", 300m, MidNovember, new ForecastPolicy(MinimumElapsedPercent: 60m, RealertStepPercent: 10m))!.ProjectedUsd);

    [Fact]
    public void An_ended_period_is_projected_at_what_it_spent_and_a_future_one_not_at_all()
    {
        Assert.Equal(new SpendForecast(3m, 93m), SpendForecast.Of("2026-10", 93m, MidNovember, ForecastPolicy.Default));
        Assert.Null(SpendForecast.Of("2026-12", 5m, MidNovember, ForecastPolicy.Default));
    }

    [Fact]
    public void A_projection_above_the_budget_raises_one_forecast_alert_with_its_figures()
    {
        var budget = Budgets.Defined(amount: 100m);

        var alert = Decide(budget, 60m);

        Assert.NotNull(alert);
        Assert.Equal((120m, (decimal?)null, 60m, 100m, 4m, "team:search", "2026-11"),
            (alert.ForecastUsd, alert.PreviousForecastUsd, alert.SpentUsd, alert.BudgetUsd, alert.BurnRateUsdPerDay, alert.Scope, alert.Period));
        Assert.Equal(BudgetPeriodForecast.AlertIdOf(budget.Id, "2026-11", 1), alert.AlertId);
    }

    [Fact]
    public void A_projection_at_or_below_the_budget_raises_nothing() => Assert.Null(Decide(Budgets.Defined(amount: 100m), 50m));

    [Fact]
    public void It_is_raised_again_only_when_the_projection_is_at_least_ten_percent_of_the_budget_worse()
    {
        var budget = Budgets.Defined(amount: 100m);
        var state = After(Decide(budget, 60m)!);

        Assert.Null(Decide(budget, 60m, state));
        Assert.Null(Decide(budget, 64.99m, state));
        var again = Decide(budget, 65m, state);

        Assert.NotNull(again);
        Assert.Equal((130m, (decimal?)120m), (again.ForecastUsd, again.PreviousForecastUsd));
        Assert.Equal(BudgetPeriodForecast.AlertIdOf(budget.Id, "2026-11", 2), again.AlertId);
        Assert.Null(Decide(budget, 65m, After(again, state)));
    }

    [Fact]
    public void The_step_that_makes_a_projection_materially_worse_is_configurable()
    {
        var budget = Budgets.Defined(amount: 100m);
        var policy = new ForecastPolicy(MinimumElapsedPercent: 10m, RealertStepPercent: 50m);
        var state = After(Decide(budget, 60m, policy: policy)!);

        Assert.Null(Decide(budget, 80m, state, policy: policy));
        Assert.Equal(170m, Decide(budget, 85m, state, policy: policy)!.ForecastUsd);
    }

    [Fact]
    public void A_projection_that_improves_raises_nothing_and_the_bar_stays_at_the_last_alerted_one()
    {
        var budget = Budgets.Defined(amount: 100m);
        var state = After(Decide(budget, 65m)!);

        Assert.Null(Decide(budget, 55m, state));
        Assert.Null(Decide(budget, 69m, state));
        Assert.Equal(140m, Decide(budget, 70m, state)!.ForecastUsd);
    }

    [Fact]
    public void No_forecast_alert_once_spend_has_reached_the_budget() => Assert.Null(Decide(Budgets.Defined(amount: 100m), 100m));

    [Fact]
    public void No_forecast_alert_before_the_minimum_elapsed_share() =>
        Assert.Null(Decide(Budgets.Defined(amount: 100m), 90m, now: new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void No_forecast_alert_for_an_archived_budget_a_period_before_it_or_the_org_wide_monthly_alert()
    {
        var budget = Budgets.Defined(amount: 100m);
        var org = Budget.Create((BudgetDefined)Budget.Decide(null,
            new DefineBudget(OrgMonthlySpendBudget.Id, OrgMonthlySpendBudget.Draft(500m), Budgets.Now, "config")).Events[0]);

        Assert.Null(Decide(budget.Apply(new BudgetArchived(budget.Id, Budgets.Now, "k")), 60m));
        Assert.Null(Decide(budget, 60m, now: new DateTimeOffset(2026, 10, 16, 0, 0, 0, TimeSpan.Zero), period: "2026-10"));
        Assert.Null(Decide(org, 400m));
    }

    [Fact]
    public void An_amendment_lowering_the_amount_below_the_projection_raises_the_forecast_alert_then()
    {
        var budget = Budgets.Defined(amount: 1000m);
        Assert.Null(Decide(budget, 60m));
        var lowered = budget.Apply(new BudgetAmended(budget.Id, budget.Terms with { AmountUsd = 100m }, Budgets.Now, "k"));

        var alert = BudgetPeriodForecast.Decide(null, lowered, "2026-11", 60m, MidNovember, ForecastPolicy.Default, BudgetPeriodAlerts.CauseAmendment);

        Assert.Equal((120m, 100m, "amendment"), (alert!.ForecastUsd, alert.BudgetUsd, alert.Cause));
    }

    [Fact]
    public void Accrual_reads_the_streams_only_when_a_rule_may_fire()
    {
        var budget = Budgets.Defined(amount: 100m);

        Assert.False(BudgetPeriodAlerting.MayRaise(budget, "2026-11", 40m, MidNovember, ForecastPolicy.Default));
        Assert.True(BudgetPeriodAlerting.MayRaise(budget, "2026-11", 51m, MidNovember, ForecastPolicy.Default));
        Assert.True(BudgetPeriodAlerting.MayRaise(budget, "2026-11", 80m, new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero), ForecastPolicy.Default));
    }
}
