using System.Diagnostics.CodeAnalysis;
using AiFinOps.Budgeting.Budgets;
using AiFinOps.Budgeting.Budgets.OrgMonthlySpend;

namespace AiFinOps.Budgeting.Alerts.Forecasting;

/// <summary>
/// A budget's projected spend at the end of a period is above its amount. Appended to the stream
/// <c>forecast:{budget}:{period}</c>: the first time the projection exceeds the budget, and again only when it is
/// materially worse (<see cref="ForecastPolicy.RealertStepPercent"/>). <see cref="PreviousForecastUsd"/> is the projection
/// last alerted, null on the first.
/// </summary>
public sealed record ForecastExceeded(
    Guid AlertId,
    string BudgetId,
    string BudgetName,
    string Scope,
    string Period,
    decimal ForecastUsd,
    decimal? PreviousForecastUsd,
    decimal SpentUsd,
    decimal BudgetUsd,
    decimal BurnRateUsdPerDay,
    DateTimeOffset RaisedAt,
    string Cause);

/// <summary>The forecast alerts a budget has raised in one period: what keeps them to one per material worsening.</summary>
public sealed record BudgetPeriodForecast(string Id, decimal LastAlertedForecastUsd, int Alerts)
{
    public static string StreamKey(string budgetId, string period) => $"forecast:{budgetId}:{period}";

    public static BudgetPeriodForecast Create(ForecastExceeded e) => new(StreamKey(e.BudgetId, e.Period), e.ForecastUsd, 1);

    public BudgetPeriodForecast Apply(ForecastExceeded e) => this with { LastAlertedForecastUsd = e.ForecastUsd, Alerts = Alerts + 1 };

    /// <summary>
    /// A forecast alert when the projection at <paramref name="now"/> exceeds the budget and either none was raised this
    /// period or the projection is at least the policy's step (percent of the budget) above the one last alerted.
    /// Nothing once spend has reached the amount (the 100 % threshold says more), for archived budgets, periods before
    /// the budget, or the org-wide monthly alert (its one alert is the threshold).
    /// </summary>
    public static ForecastExceeded? Decide(BudgetPeriodForecast? state, Budget budget, string period, decimal spentUsd,
        DateTimeOffset now, ForecastPolicy policy, string cause)
    {
        if (!ProjectsOverBudget(budget, period, spentUsd, now, policy, out var forecast)) return null;
        var projected = forecast.ProjectedUsd!.Value;
        var amount = budget.Terms.AmountUsd;
        if (state is not null && projected < state.LastAlertedForecastUsd + amount * policy.RealertStepPercent / 100m) return null;
        var number = (state?.Alerts ?? 0) + 1;
        return new ForecastExceeded(AlertIdOf(budget.Id, period, number), budget.Id, budget.Terms.Name, budget.Terms.Scope.ToString(),
            period, projected, state?.LastAlertedForecastUsd, spentUsd, amount, forecast.BurnRateUsdPerDay, now, cause);
    }

    /// <summary>Whether a forecast alert may be due: decided without the stream, so accrual reads it only when it may.</summary>
    public static bool ProjectsOverBudget(Budget budget, string period, decimal spentUsd, DateTimeOffset now, ForecastPolicy policy,
        [NotNullWhen(true)] out SpendForecast? forecast)
    {
        forecast = null;
        if (budget.Archived || OrgMonthlySpendBudget.Is(budget.Id) || string.CompareOrdinal(period, budget.FirstPeriod) < 0) return false;
        if (spentUsd >= budget.Terms.AmountUsd) return false;
        if (SpendForecast.Of(period, spentUsd, now, policy) is not { ProjectedUsd: { } projected } known || projected <= budget.Terms.AmountUsd)
            return false;
        forecast = known;
        return true;
    }

    /// <summary>One id per (budget, period, n-th forecast alert of the period).</summary>
    public static Guid AlertIdOf(string budgetId, string period, int number) => AlertIds.Derive($"{budgetId}|{period}|forecast|{number}");
}
