namespace AiFinOps.Web.Overview;

/// <summary>
/// The month's spend if it goes on as it went so far: month-to-date spend over the elapsed share of the UTC month.
/// Budgets keep their own forecasts (with a minimum elapsed share); this one is the headline beside month-to-date.
/// </summary>
public static class MonthForecast
{
    public static decimal StraightLine(decimal monthToDateUsd, DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        var start = new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var month = (decimal)(start.AddMonths(1) - start).TotalHours;
        var elapsed = (decimal)(utc - start).TotalHours;
        // The first hour of a month says nothing yet: project no further than what is known.
        return elapsed < 1m ? monthToDateUsd : Math.Round(monthToDateUsd * month / elapsed, 6);
    }
}
