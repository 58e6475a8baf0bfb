namespace AiFinOps.Budgeting.Alerts.Forecasting;

/// <summary>
/// How forecast alerts behave (docs/budgets.md): no projection before <see cref="MinimumElapsedPercent"/> of the period has
/// passed, and a forecast alert is raised again only when the projection is at least <see cref="RealertStepPercent"/> of
/// the budget above the projection last alerted.
/// </summary>
public sealed record ForecastPolicy(decimal MinimumElapsedPercent, decimal RealertStepPercent)
{
    /// <summary>10 % of the period (3 days of a 30-day month), and 10 % of the budget.</summary>
    public static readonly ForecastPolicy Default = new(10m, 10m);
}
