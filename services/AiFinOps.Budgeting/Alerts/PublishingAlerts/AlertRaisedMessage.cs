using System.Globalization;
using AiFinOps.Budgeting.Budgets;
using AiFinOps.Contracts.Messages;

namespace AiFinOps.Budgeting.Alerts.PublishingAlerts;

/// <summary>A stored alert as the one bus shape every alert is delivered in (<see cref="AlertRaised"/>).</summary>
public static class AlertRaisedMessage
{
    public const string Source = "budgeting";

    /// <param name="alert">The stored alert: everything the message says was fixed when it was raised.</param>
    /// <param name="dashboardUrl">The dashboard's base URL (<c>Budgeting:DashboardUrl</c>), without a trailing slash.</param>
    public static AlertRaised Of(BudgetAlert alert, string dashboardUrl)
    {
        var (start, end) = BudgetPeriods.RangeOf(alert.Period);
        return new AlertRaised
        {
            AlertId = alert.Id,
            Kind = alert.Kind,
            Source = Source,
            Severity = AlertWording.Severity(alert),
            Title = AlertWording.Title(alert),
            Text = AlertWording.Text(alert),
            RaisedAt = alert.CrossedAt,
            Scope = alert.Scope.ToString(),
            Team = alert.Scope.Kind == BudgetScope.Team ? alert.Scope.Value : null,
            Period = alert.Period,
            PeriodStart = start,
            PeriodEnd = end,
            SpentUsd = alert.SpentUsd,
            BudgetUsd = alert.BudgetUsd,
            PercentUsed = alert.PercentUsed,
            ForecastUsd = alert.ForecastUsd,
            TopWorkflows = alert.TopWorkflows.Select(c => new AlertContributor(c.Name, c.SpentUsd)).ToList(),
            TopModels = alert.TopModels.Select(c => new AlertContributor(c.Name, c.SpentUsd)).ToList(),
            DashboardUrl = $"{dashboardUrl}/budgets/{Uri.EscapeDataString(alert.BudgetId)}?period={Uri.EscapeDataString(alert.Period)}",
            Owner = alert.Owner,
            Recipients = alert.Recipients,
            Facts = Facts(alert),
        };
    }

    private static Dictionary<string, string> Facts(BudgetAlert alert)
    {
        var facts = new Dictionary<string, string>
        {
            ["budgetId"] = alert.BudgetId,
            ["budgetName"] = alert.BudgetName,
            ["cause"] = alert.Cause,
            ["daysLeft"] = BudgetPeriods.DaysLeft(alert.Period, alert.CrossedAt).ToString(CultureInfo.InvariantCulture),
        };
        if (alert.ThresholdPercent is { } threshold) facts["thresholdPercent"] = threshold.ToString(CultureInfo.InvariantCulture);
        if (alert.BurnRateUsdPerDay is { } burnRate) facts["burnRateUsdPerDay"] = burnRate.ToString(CultureInfo.InvariantCulture);
        if (alert.PreviousForecastUsd is { } previous) facts["previousForecastUsd"] = previous.ToString(CultureInfo.InvariantCulture);
        return facts;
    }
}
