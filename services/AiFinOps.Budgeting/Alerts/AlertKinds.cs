namespace AiFinOps.Budgeting.Alerts;

/// <summary>The kinds of alert budgeting raises, as <c>AlertRaised.Kind</c> names them.</summary>
public static class AlertKinds
{
    /// <summary>A budget's spend reached one of its thresholds.</summary>
    public const string Threshold = "budget.threshold";
    /// <summary>A budget's projected period-end spend is above its amount.</summary>
    public const string Forecast = "budget.forecast";
    /// <summary>The organisation's spend this month passed the org-wide alert level (<c>Budgeting:OrgMonthlyAlertUsd</c>).</summary>
    public const string OrgMonthlySpend = "org.monthly-spend";

    public static readonly IReadOnlyList<string> All = [Threshold, Forecast, OrgMonthlySpend];
}
