using System.Globalization;
using AiFinOps.Budgeting.Budgets;
using AiFinOps.Budgeting.Spend;

namespace AiFinOps.Budgeting.Alerts.PublishingAlerts;

/// <summary>
/// What an alert says to a person: a one-line title and a text with the numbers behind it (Slack's <c>text</c>, an
/// e-mail body). Pure: the same stored alert always reads the same.
/// </summary>
public static class AlertWording
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public const string Warning = "warning";
    public const string Critical = "critical";

    /// <summary>Critical once spend has reached the budget (a threshold of 100 % or more); warning before, and for forecasts.</summary>
    public static string Severity(BudgetAlert alert) => alert.Kind != AlertKinds.Forecast && alert.ThresholdPercent >= 100 ? Critical : Warning;

    public static string Title(BudgetAlert alert) => alert.Kind switch
    {
        AlertKinds.Forecast => $"Budget \"{alert.BudgetName}\" projected at {Short(alert.ForecastUsd ?? 0m)} of {Short(alert.BudgetUsd)} by the end of {alert.Period}",
        AlertKinds.OrgMonthlySpend => $"Org-wide AI spend passed {Short(alert.BudgetUsd)} in {alert.Period}",
        _ => $"Budget \"{alert.BudgetName}\" at {alert.ThresholdPercent} % of {Short(alert.BudgetUsd)} in {alert.Period}",
    };

    public static string Text(BudgetAlert alert)
    {
        var daysLeft = BudgetPeriods.DaysLeft(alert.Period, alert.CrossedAt);
        var lines = new List<string>();
        switch (alert.Kind)
        {
            case AlertKinds.Forecast:
                var forecast = alert.ForecastUsd ?? 0m;
                lines.Add($"Budget \"{alert.BudgetName}\" ({Describe(alert.Scope)}) is on course to spend {Usd(forecast)} in {alert.Period}, "
                    + $"{Usd(forecast - alert.BudgetUsd)} over its {Usd(alert.BudgetUsd)} budget ({Percent(Math.Round(forecast / alert.BudgetUsd * 100m, 2))}).");
                lines.Add($"Spent so far: {Usd(alert.SpentUsd)} ({Percent(alert.PercentUsed)} used) at {Usd(alert.BurnRateUsdPerDay ?? 0m)} a day, "
                    + $"with {Days(daysLeft)} left; the projection assumes the same daily rate until the period ends.");
                if (alert.PreviousForecastUsd is { } previous) lines.Add($"The previous forecast alert projected {Usd(previous)}.");
                break;
            case AlertKinds.OrgMonthlySpend:
                lines.Add($"The organisation has spent {Usd(alert.SpentUsd)} on AI APIs in {alert.Period}, past the org-wide monthly alert "
                    + $"level of {Usd(alert.BudgetUsd)} ({Percent(alert.PercentUsed)}).");
                lines.Add(ForecastLine(alert, daysLeft));
                break;
            default:
                lines.Add($"Budget \"{alert.BudgetName}\" ({Describe(alert.Scope)}) has spent {Usd(alert.SpentUsd)} of {Usd(alert.BudgetUsd)} "
                    + $"in {alert.Period}: {Percent(alert.PercentUsed)} used, past its {alert.ThresholdPercent} % threshold.");
                lines.Add(ForecastLine(alert, daysLeft));
                break;
        }
        if (alert.Cause == BudgetPeriodAlerts.CauseAmendment) lines.Add("Raised when the budget was amended.");
        if (alert.Cause == BudgetPeriodAlerts.CauseDefinition) lines.Add("Raised when the budget was defined, from the spend already accrued.");
        if (alert.TopWorkflows.Count > 0) lines.Add($"Top workflows: {Contributors(alert.TopWorkflows)}.");
        if (alert.TopModels.Count > 0) lines.Add($"Top models: {Contributors(alert.TopModels)}.");
        return string.Join("\n", lines.Where(l => l.Length > 0));
    }

    /// <summary>How a scope reads in a sentence: <c>team search</c>, <c>cost centre CC-1</c>, <c>the whole organisation</c>.</summary>
    public static string Describe(BudgetScope scope) => scope.Kind switch
    {
        BudgetScope.Org => "the whole organisation",
        BudgetScope.CostCentre => $"cost centre {scope.Value}",
        BudgetScope.Tag => $"tag {scope.TagKey}={scope.Value}",
        _ => $"{scope.Kind} {scope.Value}",
    };

    public static string Usd(decimal amount) => (amount < 0 ? "-$" : "$") + Math.Abs(amount).ToString("#,##0.00", Invariant);

    /// <summary>Whole dollars without cents, for titles: <c>$1,000</c>, <c>$12.50</c>.</summary>
    public static string Short(decimal amount) => amount == decimal.Truncate(amount) ? "$" + amount.ToString("#,##0", Invariant) : Usd(amount);

    private static string Percent(decimal percent) => percent.ToString("0.##", Invariant) + " %";

    private static string Days(int days) => days == 1 ? "1 day" : $"{days} days";

    private static string ForecastLine(BudgetAlert alert, int daysLeft) => alert.ForecastUsd is { } forecast && daysLeft > 0
        ? $"At {Usd(alert.BurnRateUsdPerDay ?? 0m)} a day it is projected to reach {Usd(forecast)} by the end of the period, {Days(daysLeft)} from now."
        : daysLeft > 0 ? $"{Days(daysLeft)} left in the period." : "";

    private static string Contributors(IReadOnlyList<SpendContributor> contributors) =>
        string.Join(", ", contributors.Select(c => $"{c.Name} {Usd(c.SpentUsd)}"));
}
