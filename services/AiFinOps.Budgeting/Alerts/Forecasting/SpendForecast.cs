using AiFinOps.Budgeting.Budgets;

namespace AiFinOps.Budgeting.Alerts.Forecasting;

/// <summary>
/// A period's burn rate and projected spend at its end, by linear run-rate (docs/budgets.md): projected = spent +
/// spent / elapsed × remaining, elapsed counted from the period's start (UTC). <see cref="ProjectedUsd"/> is null until
/// <see cref="ForecastPolicy.MinimumElapsedPercent"/> of the period has passed, because the first days' rate is noise;
/// once the period has ended the projection is what was spent. Both are rounded to cents from a dollar up and to
/// micro-dollars below (<see cref="Rounded"/>): AI spend is often a few cents a day, and a $5 test budget needs a
/// burn rate and a forecast, not $0.00.
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
        var burnRate = Rounded(spentUsd / ((decimal)elapsed.Ticks / TimeSpan.TicksPerDay));
        if (elapsed.Ticks * 100m < length.Ticks * policy.MinimumElapsedPercent) return new(burnRate, null);
        var projected = spentUsd + spentUsd / elapsed.Ticks * (length - elapsed).Ticks;
        return new(burnRate, Rounded(projected));
    }

    /// <summary>Cents from a dollar up; below a dollar six decimals, so small spend keeps its digits.</summary>
    public static decimal Rounded(decimal usd) => Math.Round(usd, Math.Abs(usd) >= 1m ? 2 : 6);
}
