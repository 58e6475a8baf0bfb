using System.Globalization;
using AiFinOps.Allocation.Periods;

namespace AiFinOps.Allocation.Tests;

public sealed class BillingPeriodTests
{
    private static DateTimeOffset Utc(string instant) =>
        DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static BillingPeriod Period(string text)
    {
        Assert.True(BillingPeriod.TryParse(text, out var period), $"'{text}' should be a billing period");
        return period;
    }

    [Theory]
    [InlineData("2026-11", 2026, 11)]
    [InlineData("2026-01", 2026, 1)]
    [InlineData("2027-12", 2027, 12)]
    [InlineData("2000-01", 2000, 1)]
    [InlineData("2999-12", 2999, 12)]
    public void A_period_is_read_from_year_and_month(string text, int year, int month)
    {
        Assert.Equal(new BillingPeriod(year, month), Period(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("0000-01")]
    [InlineData("0001-01")]
    [InlineData("1999-12")]
    [InlineData("3000-01")]
    [InlineData("9999-12")]
    [InlineData("2026-1")]
    [InlineData("26-11")]
    [InlineData("2026-11-01")]
    [InlineData("2026/11")]
    [InlineData("202611")]
    [InlineData(" 2026-11")]
    [InlineData("2026-11 ")]
    [InlineData("November 2026")]
    public void Anything_but_yyyy_MM_is_not_a_period(string? text)
    {
        Assert.False(BillingPeriod.TryParse(text, out var period));
        Assert.Equal(default, period);
    }

    [Theory]
    [InlineData(2026, 3, "2026-03")]
    [InlineData(2026, 11, "2026-11")]
    [InlineData(987, 1, "0987-01")]
    public void A_period_is_written_yyyy_MM(int year, int month, string text)
    {
        Assert.Equal(text, new BillingPeriod(year, month).ToString());
    }

    [Fact]
    public void Writing_and_reading_a_period_round_trips()
    {
        foreach (var month in Enumerable.Range(1, 12))
        {
            var period = new BillingPeriod(2026, month);
            Assert.Equal(period, Period(period.ToString()));
        }
    }

    [Theory]
    [InlineData("2026-11", "2026-12", "2026-10")]
    [InlineData("2026-12", "2027-01", "2026-11")]
    [InlineData("2027-01", "2027-02", "2026-12")]
    public void Next_and_previous_step_one_month_across_year_ends(string period, string next, string previous)
    {
        Assert.Equal(next, Period(period).Next.ToString());
        Assert.Equal(previous, Period(period).Previous.ToString());
        Assert.Equal(Period(period), Period(period).Next.Previous);
    }

    [Fact]
    public void Periods_order_by_calendar_not_by_month_number()
    {
        var december = Period("2026-12");
        var january = Period("2027-01");
        var alsoDecember = Period("2026-12");

        Assert.True(december < january);
        Assert.True(january > december);
        Assert.True(december <= january && december <= alsoDecember && december >= alsoDecember);
        Assert.False(december > january || december >= january || january < december || january <= december);
        Assert.Equal([Period("2025-12"), december, january], new[] { january, Period("2025-12"), december }.Order());
    }

    [Theory]
    [InlineData("2026-10-31T23:59:59.9999999Z", "2026-10")]
    [InlineData("2026-11-01T00:00:00Z", "2026-11")]
    [InlineData("2026-12-31T23:59:59Z", "2026-12")]
    [InlineData("2027-01-01T00:00:00Z", "2027-01")]
    public void In_UTC_the_period_is_the_UTC_month(string instant, string period)
    {
        Assert.Equal(period, BillingPeriod.Of(Utc(instant), Zones.Utc).ToString());
    }

    [Theory]
    // CET (UTC+1) after the clocks went back on 25 October 2026.
    [InlineData("2026-10-31T22:59:59Z", "2026-10")]
    [InlineData("2026-10-31T23:00:00Z", "2026-11")]
    [InlineData("2026-12-31T22:59:59Z", "2026-12")]
    [InlineData("2026-12-31T23:00:00Z", "2027-01")]
    // CEST (UTC+2) in summer.
    [InlineData("2026-06-30T21:59:59Z", "2026-06")]
    [InlineData("2026-06-30T22:00:00Z", "2026-07")]
    // 31 March 2026 is after the clocks went forward on 29 March.
    [InlineData("2026-03-31T21:59:59Z", "2026-03")]
    [InlineData("2026-03-31T22:00:00Z", "2026-04")]
    public void In_Berlin_a_month_starts_one_or_two_hours_before_the_UTC_month(string instant, string period)
    {
        Assert.Equal(period, BillingPeriod.Of(Utc(instant), Zones.Berlin).ToString());
    }

    [Theory]
    // EDT (UTC-4): local midnight of 1 November 2026 comes before the clocks go back at 02:00 that morning.
    [InlineData("2026-11-01T03:59:59Z", "2026-10")]
    [InlineData("2026-11-01T04:00:00Z", "2026-11")]
    // EST (UTC-5).
    [InlineData("2027-01-01T04:59:59Z", "2026-12")]
    [InlineData("2027-01-01T05:00:00Z", "2027-01")]
    [InlineData("2026-03-01T04:59:59Z", "2026-02")]
    [InlineData("2026-03-01T05:00:00Z", "2026-03")]
    public void In_New_York_a_month_starts_four_or_five_hours_after_the_UTC_month(string instant, string period)
    {
        Assert.Equal(period, BillingPeriod.Of(Utc(instant), Zones.NewYork).ToString());
    }

    [Fact]
    public void The_period_of_an_instant_does_not_depend_on_the_offset_it_is_written_with()
    {
        var utc = Utc("2026-10-31T23:30:00Z");
        var tokyo = utc.ToOffset(TimeSpan.FromHours(9));
        var honolulu = utc.ToOffset(TimeSpan.FromHours(-10));

        Assert.Equal("2026-11", BillingPeriod.Of(tokyo, Zones.Berlin).ToString());
        Assert.Equal("2026-11", BillingPeriod.Of(honolulu, Zones.Berlin).ToString());
        Assert.Equal("2026-10", BillingPeriod.Of(tokyo, Zones.Utc).ToString());
    }

    [Theory]
    [InlineData("UTC", "2026-11", "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z")]
    [InlineData("Europe/Berlin", "2026-11", "2026-10-31T23:00:00Z", "2026-11-30T23:00:00Z")]
    [InlineData("Europe/Berlin", "2026-03", "2026-02-28T23:00:00Z", "2026-03-31T22:00:00Z")]
    [InlineData("Europe/Berlin", "2026-10", "2026-09-30T22:00:00Z", "2026-10-31T23:00:00Z")]
    [InlineData("America/New_York", "2026-11", "2026-11-01T04:00:00Z", "2026-12-01T05:00:00Z")]
    [InlineData("America/New_York", "2026-12", "2026-12-01T05:00:00Z", "2027-01-01T05:00:00Z")]
    [InlineData("America/New_York", "2026-03", "2026-03-01T05:00:00Z", "2026-04-01T04:00:00Z")]
    public void Start_and_end_are_the_UTC_instants_of_local_midnight(string zone, string period, string start, string end)
    {
        var p = Period(period);

        Assert.Equal(Utc(start), p.Start(Zones.Named(zone)));
        Assert.Equal(Utc(end), p.End(Zones.Named(zone)));
        Assert.Equal(TimeSpan.Zero, p.Start(Zones.Named(zone)).Offset);
        Assert.Equal(TimeSpan.Zero, p.End(Zones.Named(zone)).Offset);
    }

    [Fact]
    public void A_month_whose_local_midnight_is_skipped_starts_at_its_first_valid_minute()
    {
        // Paraguay went to summer time at 00:00 on Sunday 1 October 2017: clocks jumped to 01:00 (UTC-3).
        var asuncion = Zones.Named("America/Asuncion");
        var october = Period("2017-10");

        Assert.Equal(Utc("2017-10-01T04:00:00Z"), october.Start(asuncion));
        Assert.Equal(october.Start(asuncion), october.Previous.End(asuncion));
        Assert.Equal(october, BillingPeriod.Of(october.Start(asuncion), asuncion));
        Assert.Equal(october.Previous, BillingPeriod.Of(october.Start(asuncion).AddTicks(-1), asuncion));
    }

    [Fact]
    public void A_month_whose_local_midnight_happens_twice_starts_at_the_first_one()
    {
        // Cuba leaves summer time at 01:00 on the first Sunday of November, back to 00:00: on Sunday 1 November 2026
        // local midnight is at 04:00 UTC (CDT) and again at 05:00 UTC (CST). The usage of 04:30 UTC is of November.
        var havana = Zones.Named("America/Havana");
        var november = Period("2026-11");

        Assert.Equal(november, BillingPeriod.Of(Utc("2026-11-01T04:30:00Z"), havana));
        Assert.Equal(Utc("2026-11-01T04:00:00Z"), november.Start(havana));
        Assert.Equal(november.Start(havana), november.Previous.End(havana));
    }

    public static TheoryData<string> ZonesWithEdges =>
    [
        "UTC",
        "Europe/Berlin",
        "America/New_York",
        "Europe/London",
        "Asia/Kolkata",
        "Asia/Kathmandu",
        "Australia/Lord_Howe",
        "Pacific/Chatham",
        "Pacific/Kiritimati",
        "Pacific/Pago_Pago",
        "America/Asuncion",
        "America/Santiago",
        "America/Havana",
    ];

    [Theory]
    [MemberData(nameof(ZonesWithEdges))]
    public void Every_instant_from_a_period_start_to_before_its_end_is_of_that_period(string zone)
    {
        var tz = Zones.Named(zone);
        var problems = new List<string>();
        for (var period = new BillingPeriod(2015, 1); period <= new BillingPeriod(2030, 12); period = period.Next)
        {
            var (start, end) = (period.Start(tz), period.End(tz));
            if (start >= end) problems.Add($"{period}: start {start:O} is not before end {end:O}");
            if (end != period.Next.Start(tz)) problems.Add($"{period}: end {end:O} is not the start of {period.Next}");
            if (BillingPeriod.Of(start, tz) != period) problems.Add($"{period}: its start {start:O} is of {BillingPeriod.Of(start, tz)}");
            if (BillingPeriod.Of(start.AddTicks(-1), tz) != period.Previous)
                problems.Add($"{period}: the tick before its start {start:O} is of {BillingPeriod.Of(start.AddTicks(-1), tz)}");
        }

        Assert.True(problems.Count == 0, $"In {zone}:\n{string.Join("\n", problems)}");
    }
}
