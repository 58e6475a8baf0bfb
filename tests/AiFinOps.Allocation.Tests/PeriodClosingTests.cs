using AiFinOps.Allocation.Periods;
using AiFinOps.Allocation.Periods.ClosingPeriods;

namespace AiFinOps.Allocation.Tests;

public sealed class PeriodClosingTests
{
    private static readonly DateTimeOffset EarlyDecember = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private static BillingPeriod Period(string text) => BillingPeriod.TryParse(text, out var p) ? p : throw new ArgumentException(text);

    private static BillingCalendar ClosedThrough(string period) =>
        BillingCalendar.Create(new BillingPeriodClosed(period, "finance-key", EarlyDecember.AddMonths(-1)));

    private static BillingPeriodClosed Closes(BillingCalendar calendar, string period, DateTimeOffset now, TimeZoneInfo? zone = null)
    {
        var (closed, error) = PeriodClosing.Close(calendar, Period(period), zone ?? Zones.Utc, "finance-key", now);
        Assert.Null(error);
        return Assert.IsType<BillingPeriodClosed>(closed);
    }

    private static string Refuses(BillingCalendar calendar, string period, DateTimeOffset now, TimeZoneInfo? zone = null)
    {
        var (closed, error) = PeriodClosing.Close(calendar, Period(period), zone ?? Zones.Utc, "finance-key", now);
        Assert.Null(closed);
        return Assert.IsType<string>(error);
    }

    [Fact]
    public void An_ended_period_is_closed_by_whom_and_when()
    {
        var closed = Closes(ClosedThrough("2026-10"), "2026-11", EarlyDecember);

        Assert.Equal(new BillingPeriodClosed("2026-11", "finance-key", EarlyDecember), closed);
    }

    [Fact]
    public void The_first_period_ever_closed_may_be_any_period_that_has_ended()
    {
        Assert.Equal("2026-08", Closes(BillingCalendar.Empty, "2026-08", EarlyDecember).Period);
    }

    [Fact]
    public void A_period_can_be_closed_the_moment_it_ends()
    {
        var end = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(end, Closes(ClosedThrough("2026-10"), "2026-11", end).ClosedAt);
    }

    [Fact]
    public void A_period_cannot_be_closed_before_it_has_ended()
    {
        var error = Refuses(ClosedThrough("2026-10"), "2026-11", new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(-1));

        Assert.Equal(
            "2026-11 has not ended yet: it ends at 2026-12-01T00:00:00.0000000+00:00; a period closes once its last usage can have arrived",
            error);
    }

    [Fact]
    public void A_period_ends_at_midnight_of_the_organisation_time_zone()
    {
        var lateOnTheLastUtcDay = new DateTimeOffset(2026, 11, 30, 23, 30, 0, TimeSpan.Zero);

        Closes(ClosedThrough("2026-10"), "2026-11", lateOnTheLastUtcDay, Zones.Berlin);
        Assert.Contains("it ends at 2026-12-01T05:00:00.0000000+00:00", Refuses(ClosedThrough("2026-10"), "2026-11", lateOnTheLastUtcDay, Zones.NewYork));
    }

    [Fact]
    public void The_running_period_and_future_ones_cannot_be_closed()
    {
        Assert.Contains("2026-12 has not ended yet", Refuses(ClosedThrough("2026-11"), "2026-12", EarlyDecember));
        Assert.Contains("2027-05 has not ended yet", Refuses(BillingCalendar.Empty, "2027-05", EarlyDecember));
    }

    [Fact]
    public void Periods_close_in_calendar_order()
    {
        var error = Refuses(ClosedThrough("2026-09"), "2026-11", EarlyDecember);

        Assert.Equal("periods close in order: the next one to close is 2026-10", error);
    }

    [Fact]
    public void The_period_after_December_to_close_is_January()
    {
        var february = new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal("periods close in order: the next one to close is 2027-01", Refuses(ClosedThrough("2026-12"), "2027-02", february));
        Assert.Equal("2027-01", Closes(ClosedThrough("2026-12"), "2027-01", february).Period);
    }

    [Theory]
    [InlineData("2026-10")]
    [InlineData("2026-03")]
    public void A_closed_period_cannot_be_closed_again(string period)
    {
        Assert.Equal($"{period} is already closed", Refuses(ClosedThrough("2026-10"), period, EarlyDecember));
    }

    [Fact]
    public void A_period_not_yet_ended_is_refused_as_such_even_when_out_of_order()
    {
        Assert.Contains("2026-12 has not ended yet", Refuses(ClosedThrough("2026-09"), "2026-12", EarlyDecember));
    }

    [Fact]
    public void Closings_folded_into_the_calendar_let_the_next_period_close_and_not_the_same_one_twice()
    {
        var calendar = BillingCalendar.Empty;
        calendar = calendar.Apply(Closes(calendar, "2026-09", EarlyDecember));
        calendar = calendar.Apply(Closes(calendar, "2026-10", EarlyDecember));
        calendar = calendar.Apply(Closes(calendar, "2026-11", EarlyDecember));

        Assert.Equal("2026-11", calendar.ClosedThrough);
        Assert.Equal(["2026-09", "2026-10", "2026-11"], calendar.Closings.Select(c => c.Period));
        Assert.Equal("2026-11 is already closed", Refuses(calendar, "2026-11", EarlyDecember));
        Assert.Contains("2026-12 has not ended yet", Refuses(calendar, "2026-12", EarlyDecember));
    }
}
