using AiFinOps.Budgeting.Alerts;
using AiFinOps.Budgeting.Budgets;
using AiFinOps.Budgeting.Budgets.OrgMonthlySpend;
using Microsoft.Extensions.Configuration;

namespace AiFinOps.Budgeting.Tests;

/// <summary>The org-wide monthly alert as configuration defines it, without a database.</summary>
public sealed class OrgMonthlySpendRuleTests
{
    private static Budget Org(decimal amount) => Budget.Create((BudgetDefined)Budget.Decide(null,
        new DefineBudget(OrgMonthlySpendBudget.Id, OrgMonthlySpendBudget.Draft(amount), Budgets.Now, "config")).Events[0]);

    [Fact]
    public void Missing_it_is_defined_as_an_org_monthly_budget_with_one_threshold_at_the_amount()
    {
        var define = Assert.IsType<DefineBudget>(OrgMonthlySpendBudget.Plan(null, 500m, Budgets.Now));
        var budget = Budget.Create((BudgetDefined)Budget.Decide(null, define).Events.Single());

        Assert.Equal((OrgMonthlySpendBudget.Id, "org", "monthly", 500m), (budget.Id, budget.Terms.Scope.ToString(), budget.Terms.Period, budget.Terms.AmountUsd));
        Assert.Equal([100], budget.Terms.Thresholds);
    }

    [Fact]
    public void As_configured_nothing_is_done() => Assert.Null(OrgMonthlySpendBudget.Plan(Org(500m), 500m, Budgets.Now));

    [Fact]
    public void A_changed_amount_amends_it()
    {
        var amend = Assert.IsType<AmendBudget>(OrgMonthlySpendBudget.Plan(Org(500m), 750m, Budgets.Now));

        var amended = Assert.IsType<BudgetAmended>(Assert.Single(Budget.Decide(Org(500m), amend).Events));
        Assert.Equal(750m, amended.Terms.AmountUsd);
    }

    [Fact]
    public void Turned_off_it_is_archived_once()
    {
        var archived = Org(500m).Apply(new BudgetArchived(OrgMonthlySpendBudget.Id, Budgets.Now, "config"));

        Assert.IsType<ArchiveBudget>(OrgMonthlySpendBudget.Plan(Org(500m), null, Budgets.Now));
        Assert.Null(OrgMonthlySpendBudget.Plan(archived, null, Budgets.Now));
        Assert.Null(OrgMonthlySpendBudget.Plan(null, null, Budgets.Now));
    }

    [Fact]
    public void Turned_back_on_it_is_reinstated_from_the_current_month()
    {
        var archived = Org(500m).Apply(new BudgetArchived(OrgMonthlySpendBudget.Id, Budgets.Now, "config"));
        var january = new DateTimeOffset(2027, 1, 3, 0, 0, 0, TimeSpan.Zero);

        var reinstate = Assert.IsType<ReinstateBudget>(OrgMonthlySpendBudget.Plan(archived, 600m, january));
        var reinstated = Assert.IsType<BudgetReinstated>(Assert.Single(Budget.Decide(archived, reinstate).Events));
        var budget = archived.Apply(reinstated);

        Assert.Equal((false, "2027-01", 600m), (budget.Archived, budget.FirstPeriod, budget.Terms.AmountUsd));
        Assert.True(Budget.Decide(budget, reinstate).Conflict);
    }

    [Fact]
    public void Passing_the_amount_raises_one_critical_org_alert_per_month_and_nothing_below_it()
    {
        var org = Org(500m);

        Assert.Empty(BudgetPeriodAlerts.Decide(null, org, "2026-11", 499.99m, Budgets.Now, BudgetPeriodAlerts.CauseSpend));
        var crossed = Assert.Single(BudgetPeriodAlerts.Decide(null, org, "2026-11", 512m, Budgets.Now, BudgetPeriodAlerts.CauseSpend));
        Assert.Empty(BudgetPeriodAlerts.Decide(BudgetPeriodAlerts.Create(crossed), org, "2026-11", 900m, Budgets.Now, BudgetPeriodAlerts.CauseSpend));
        Assert.Single(BudgetPeriodAlerts.Decide(null, org, "2026-12", 512m, Budgets.Now, BudgetPeriodAlerts.CauseSpend));

        var alert = BudgetAlert.Of(crossed, org, new AlertFigures(null, [], []));
        Assert.Equal((AlertKinds.OrgMonthlySpend, 100), (alert.Kind, alert.ThresholdPercent));
    }

    [Theory]
    [InlineData(null, 500.0)]
    [InlineData("750", 750.0)]
    [InlineData("0", null)]
    [InlineData("", null)]
    public void The_amount_defaults_to_500_and_0_or_empty_turns_it_off(string? configured, double? expected)
    {
        var values = new Dictionary<string, string?>();
        if (configured is not null) values["Budgeting:OrgMonthlyAlertUsd"] = configured;

        var settings = BudgetingSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values).Build());

        Assert.Equal((decimal?)expected, settings.OrgMonthlyAlertUsd);
    }

    [Fact]
    public void A_setting_that_is_not_a_number_stops_startup_naming_the_key()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Budgeting:OrgMonthlyAlertUsd"] = "five hundred",
        }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => BudgetingSettings.From(configuration));
        Assert.Contains("Budgeting:OrgMonthlyAlertUsd", error.Message);
    }
}
