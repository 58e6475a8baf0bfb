using AiFinOps.Budgeting.Budgets;

namespace AiFinOps.Budgeting.Alerts.Forecasting;

/// <summary>
/// A period's burn rate and projected spend at its end, by linear run-rate (docs/budgets.md): projected = spent +
/// spent / elapsed × remaining, elapsed counted from the period's start (UTC). <see cref="ProjectedUsd"/> is null until
/// <see cref="ForecastPolicy.MinimumElapsedPercent"/> of the period has passed, because the first days' rate is noise;
/// once the period has ended the projection is what was spent.
/// </summary>
public sealed record SpendForecast(decimal BurnRateUsdPerDay, decimal? ProjectedUsd)
{
    /// <summary>The forecast of <paramref name="period"/> at <paramref name="now"/>; null before the period starts.</summary>
    public static SpendForecast? Of(string period, decimal spentUsd, DateTimeOffset now, ForecastPolicy policy)
    {
        var (start, end) = BudgetPeriods.RangeOf(period);
        if (now <= start) return null;
        var elapsed = (now < end ? now : end) - start;
        var length = end - start;
        var burnRate = Math.Round(spentUsd / ((decimal)elapsed.Ticks / TimeSpan.TicksPerDay), 2);
        if (elapsed.Ticks * 100m < length.Ticks * policy.MinimumElapsedPercent) return new(burnRate, null);
        var projected = spentUsd + spentUsd / elapsed.Ticks * (length - elapsed).Ticks;
        return new(burnRate, Math.Round(projected, 2));
    }
}
