namespace AiFinOps.Allocation.Periods.ClosingPeriods;

/// <summary>Pure decision: may <paramref name="period"/> be closed now? Periods close after they end, in calendar order.</summary>
public static class PeriodClosing
{
    public static (BillingPeriodClosed? Closed, string? Error) Close(BillingCalendar calendar, BillingPeriod period,
        TimeZoneInfo zone, string closedBy, DateTimeOffset now)
    {
        if (calendar.IsClosed(period)) return (null, $"{period} is already closed");
        if (now < period.End(zone))
            return (null, $"{period} has not ended yet: it ends at {period.End(zone):O}; a period closes once its last usage can have arrived");
        if (calendar.ClosedThrough is { } last && BillingPeriod.TryParse(last, out var lastClosed) && period != lastClosed.Next)
            return (null, $"periods close in order: the next one to close is {lastClosed.Next}");
        return (new BillingPeriodClosed(period.ToString(), closedBy, now), null);
    }
}
