using AiFinOps.Allocation.Chargeback;
using AiFinOps.Allocation.Periods;

namespace AiFinOps.Allocation.Tests;

public sealed class StatementDaysTests
{
    private static DateTimeOffset Utc(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void In_utc_a_rollup_day_is_judged_on_that_very_day()
    {
        var days = new StatementDays(new BillingPeriod(2026, 11), Zones.Utc);

        Assert.Equal(new DateOnly(2026, 11, 1), days.Of(Utc(2026, 11, 1)));
        Assert.Equal(new DateOnly(2026, 11, 30), days.Of(Utc(2026, 11, 30)));
    }

    [Fact]
    public void West_of_utc_the_first_utc_day_after_the_month_is_judged_on_the_last_local_day_of_the_month()
    {
        // New York: 1 Dec 00:00-05:00 UTC is still 30 Nov locally, so November's spend of that UTC day is judged on 30 Nov.
        var november = new StatementDays(new BillingPeriod(2026, 11), Zones.NewYork);
        var december = new StatementDays(new BillingPeriod(2026, 12), Zones.NewYork);

        Assert.Equal(new DateOnly(2026, 11, 30), november.Of(Utc(2026, 12, 1)));
        Assert.Equal(new DateOnly(2026, 12, 1), december.Of(Utc(2026, 12, 1)));
        Assert.Equal(new DateOnly(2026, 11, 15), november.Of(Utc(2026, 11, 15)));
    }

    [Fact]
    public void East_of_utc_the_last_utc_day_before_the_month_is_judged_on_the_first_local_day()
    {
        // Berlin: 31 Oct 23:00 UTC is already 1 Nov locally.
        var november = new StatementDays(new BillingPeriod(2026, 11), Zones.Berlin);

        Assert.Equal(new DateOnly(2026, 11, 1), november.Of(Utc(2026, 10, 31)));
    }

    [Fact]
    public void A_correction_for_an_earlier_period_is_judged_on_the_day_its_usage_happened()
    {
        var december = new StatementDays(new BillingPeriod(2026, 12), Zones.NewYork);

        Assert.Equal(new DateOnly(2026, 11, 10), december.Of(Utc(2026, 11, 10)));
    }
}
