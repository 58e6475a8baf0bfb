using AiFinOps.Budgeting.Alerts;
using AiFinOps.Budgeting.Alerts.PublishingAlerts;
using AiFinOps.Budgeting.Budgets;
using AiFinOps.Budgeting.Spend;
using AiFinOps.Contracts.Messages;

namespace AiFinOps.Budgeting.Tests;

/// <summary>What an alert says, and the <see cref="AlertRaised"/> it leaves as, from a stored alert alone.</summary>
public sealed class AlertWordingTests
{
    private static readonly DateTimeOffset Raised = new(2026, 11, 16, 0, 0, 0, TimeSpan.Zero);

    private static BudgetAlert Threshold(int threshold = 80, decimal spent = 850m, string cause = "spend") => new()
    {
        Id = Guid.NewGuid(),
        Kind = AlertKinds.Threshold,
        BudgetId = "b-search",
        BudgetName = "Search",
        Scope = new BudgetScope(BudgetScope.Team, "search"),
        Period = "2026-11",
        ThresholdPercent = threshold,
        SpentUsd = spent,
        BudgetUsd = 1000m,
        PercentUsed = spent / 10m,
        ForecastUsd = spent * 2,
        BurnRateUsdPerDay = spent / 15m,
        CrossedAt = Raised,
        Cause = cause,
        Owner = "lead@example.com",
        Recipients = ["webhook:ops"],
        TopWorkflows = [new("triage", 500m), new("summarise", 350m)],
        TopModels = [new("openai/gpt-4o", 700m), new("anthropic/claude-sonnet-4", 150m)],
    };

    private static BudgetAlert Forecast() => Threshold() with
    {
        Kind = AlertKinds.Forecast,
        ThresholdPercent = null,
        SpentUsd = 580m,
        PercentUsed = 58m,
        ForecastUsd = 1160m,
        PreviousForecastUsd = 1040m,
        BurnRateUsdPerDay = 38.67m,
    };

    private static BudgetAlert Org() => Threshold(100, 512.4m) with
    {
        Kind = AlertKinds.OrgMonthlySpend,
        BudgetId = "org-monthly-spend",
        BudgetName = "Org-wide monthly AI spend",
        Scope = BudgetScope.Organisation,
        BudgetUsd = 500m,
        PercentUsed = 102.48m,
        ForecastUsd = null,
    };

    [Fact]
    public void A_threshold_alert_names_the_budget_threshold_amount_and_period()
    {
        Assert.Equal("Budget \"Search\" at 80 % of $1,000 in 2026-11", AlertWording.Title(Threshold()));
        Assert.Equal("""
            Budget "Search" (team search) has spent $850.00 of $1,000.00 in 2026-11: 85 % used, past its 80 % threshold.
            At $56.67 a day it is projected to reach $1,700.00 by the end of the period, 15 days from now.
            Top workflows: triage $500.00, summarise $350.00.
            Top models: openai/gpt-4o $700.00, anthropic/claude-sonnet-4 $150.00.
            """, AlertWording.Text(Threshold()));
    }

    [Fact]
    public void An_alert_raised_by_an_amendment_says_so() =>
        Assert.Contains("Raised when the budget was amended.", AlertWording.Text(Threshold(cause: BudgetPeriodAlerts.CauseAmendment)));

    [Fact]
    public void A_forecast_alert_gives_the_projection_the_overrun_the_rate_and_the_previous_projection()
    {
        Assert.Equal("Budget \"Search\" projected at $1,160 of $1,000 by the end of 2026-11", AlertWording.Title(Forecast()));
        Assert.Equal("""
            Budget "Search" (team search) is on course to spend $1,160.00 in 2026-11, $160.00 over its $1,000.00 budget (116 %).
            Spent so far: $580.00 (58 % used) at $38.67 a day, with 15 days left; the projection assumes the same daily rate until the period ends.
            The previous forecast alert projected $1,040.00.
            Top workflows: triage $500.00, summarise $350.00.
            Top models: openai/gpt-4o $700.00, anthropic/claude-sonnet-4 $150.00.
            """, AlertWording.Text(Forecast()));
    }

    [Fact]
    public void The_org_wide_alert_speaks_of_the_organisation_and_its_monthly_level()
    {
        Assert.Equal("Org-wide AI spend passed $500 in 2026-11", AlertWording.Title(Org()));
        Assert.StartsWith("The organisation has spent $512.40 on AI APIs in 2026-11, past the org-wide monthly alert level of $500.00 (102.48 %).\n15 days left",
            AlertWording.Text(Org()));
    }

    [Fact]
    public void Below_100_percent_and_forecasts_warn_at_100_percent_and_above_it_is_critical()
    {
        Assert.Equal("warning", AlertWording.Severity(Threshold(80)));
        Assert.Equal("critical", AlertWording.Severity(Threshold(100)));
        Assert.Equal("critical", AlertWording.Severity(Threshold(150)));
        Assert.Equal("warning", AlertWording.Severity(Forecast()));
        Assert.Equal("critical", AlertWording.Severity(Org()));
    }

    [Fact]
    public void The_message_carries_every_figure_the_alert_holds_with_the_alert_id_and_a_dashboard_link()
    {
        var alert = Threshold();

        var message = AlertRaisedMessage.Of(alert, "https://finops.example.com");

        Assert.Equal((alert.Id, "budget.threshold", "budgeting", "warning", "team:search", "search", "2026-11"),
            (message.AlertId, message.Kind, message.Source, message.Severity, message.Scope, message.Team, message.Period));
        Assert.Equal((new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)),
            (message.PeriodStart!.Value, message.PeriodEnd!.Value));
        Assert.Equal((850m, 1000m, 85m, 1700m), (message.SpentUsd!.Value, message.BudgetUsd!.Value, message.PercentUsed!.Value, message.ForecastUsd!.Value));
        Assert.Equal([new AlertContributor("triage", 500m), new AlertContributor("summarise", 350m)], message.TopWorkflows);
        Assert.Equal("openai/gpt-4o", message.TopModels[0].Name);
        Assert.Equal("https://finops.example.com/budgets/b-search?period=2026-11", message.DashboardUrl);
        Assert.Equal(("lead@example.com", "webhook:ops"), (message.Owner, Assert.Single(message.Recipients)));
        Assert.Equal(("b-search", "80", "spend"), (message.Facts["budgetId"], message.Facts["thresholdPercent"], message.Facts["cause"]));
        Assert.Equal(AlertWording.Title(alert), message.Title);
    }

    [Fact]
    public void An_org_alert_concerns_no_team_and_a_forecast_alert_is_no_threshold_message()
    {
        Assert.Null(AlertRaisedMessage.Of(Org(), "http://localhost:8080").Team);
        Assert.Null(AlertPublisher.MessageOf(Forecast()));
        Assert.Equal(100, AlertPublisher.MessageOf(Org())!.ThresholdPercent);
    }

    [Fact]
    public void Models_are_named_with_their_provider() => Assert.Equal("openai/gpt-4o", SpendContributor.ModelName("openai", "gpt-4o"));
}
