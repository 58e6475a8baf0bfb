using AiFinOps.Allocation.Periods;

namespace AiFinOps.Allocation.Tests;

public sealed class BillingCalendarTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private static BillingPeriod Period(string text) => BillingPeriod.TryParse(text, out var p) ? p : throw new ArgumentException(text);

    private static BillingPeriodClosed Closed(string period, string by = "finance-key") => new(period, by, At);

    [Fact]
    public void A_new_calendar_has_nothing_closed_and_charges_usage_in_its_own_period()
    {
        var calendar = BillingCalendar.Empty;

        Assert.Equal(BillingCalendar.StreamKey, calendar.Id);
        Assert.Null(calendar.ClosedThrough);
        Assert.Empty(calendar.Closings);
        Assert.False(calendar.IsClosed(Period("2000-01")));
        Assert.Equal(Period("2026-10"), calendar.ChargedIn(Period("2026-10")));
    }

    [Fact]
    public void The_first_closing_creates_the_calendar_of_the_single_stream()
    {
        var calendar = BillingCalendar.Create(Closed("2026-10"));

        Assert.Equal(BillingCalendar.StreamKey, calendar.Id);
        Assert.Equal("2026-10", calendar.ClosedThrough);
        Assert.Equal([Closed("2026-10")], calendar.Closings);
    }

    [Fact]
    public void Each_closing_moves_the_closed_through_period_and_is_kept_in_order()
    {
        var calendar = BillingCalendar.Create(Closed("2026-10", "alice")).Apply(Closed("2026-11", "bob"));

        Assert.Equal("2026-11", calendar.ClosedThrough);
        Assert.Equal([Closed("2026-10", "alice"), Closed("2026-11", "bob")], calendar.Closings);
    }

    [Fact]
    public void Applying_a_closing_leaves_the_earlier_calendar_as_it_was()
    {
        var before = BillingCalendar.Create(Closed("2026-10"));

        _ = before.Apply(Closed("2026-11"));

        Assert.Equal("2026-10", before.ClosedThrough);
        Assert.Single(before.Closings);
    }

    [Theory]
    [InlineData("2025-03", true)]
    [InlineData("2026-09", true)]
    [InlineData("2026-10", true)]
    [InlineData("2026-11", false)]
    [InlineData("2027-10", false)]
    public void The_periods_up_to_and_including_the_last_closed_one_are_closed(string period, bool closed)
    {
        Assert.Equal(closed, BillingCalendar.Create(Closed("2026-10")).IsClosed(Period(period)));
    }

    [Theory]
    [InlineData("2026-10", "2026-11")]
    [InlineData("2026-04", "2026-11")]
    [InlineData("2026-11", "2026-11")]
    [InlineData("2027-02", "2027-02")]
    public void Usage_of_a_closed_period_is_charged_in_the_first_open_one(string usagePeriod, string chargedIn)
    {
        Assert.Equal(Period(chargedIn), BillingCalendar.Create(Closed("2026-10")).ChargedIn(Period(usagePeriod)));
    }

    [Fact]
    public void Closing_December_charges_its_late_usage_in_January()
    {
        Assert.Equal(Period("2027-01"), BillingCalendar.Create(Closed("2026-12")).ChargedIn(Period("2026-12")));
    }
}
