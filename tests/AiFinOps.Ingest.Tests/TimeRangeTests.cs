using AiFinOps.ServiceDefaults.Queries;

namespace AiFinOps.Ingest.Tests;

public sealed class TimeRangeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 15, 12, 34, 56, TimeSpan.Zero);
    private static readonly TimeRange LastWeek = TimeRange.LastDays(7, Now);

    private static TimeRange Valid(string? from, string? to)
    {
        var (range, errors) = TimeRange.Parse(from, to, LastWeek);
        Assert.Empty(errors);
        return Assert.NotNull(range);
    }

    private static Dictionary<string, string[]> Invalid(string? from, string? to)
    {
        var (range, errors) = TimeRange.Parse(from, to, LastWeek);
        Assert.Null(range);
        return errors;
    }

    [Fact]
    public void Dates_cover_both_whole_utc_days()
    {
        var range = Valid("2026-11-01", "2026-11-30");

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), range.From);
        // The half-open range ends at the next midnight, so all of 30 November is in it.
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), range.To);
    }

    [Fact]
    public void The_same_date_for_from_and_to_covers_that_one_day()
    {
        var range = Valid("2026-11-30", "2026-11-30");

        Assert.Equal(TimeSpan.FromDays(1), range.To - range.From);
    }

    [Fact]
    public void Instants_are_taken_as_given_and_to_is_excluded()
    {
        var range = Valid("2026-11-01T06:00:00Z", "2026-11-30T12:00:00Z");

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 6, 0, 0, TimeSpan.Zero), range.From);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero), range.To);
    }

    [Fact]
    public void Instants_with_an_offset_are_converted_to_utc()
    {
        var range = Valid("2026-11-01T00:00:00+01:00", "2026-11-02T00:00:00-05:00");

        Assert.Equal(new DateTimeOffset(2026, 10, 31, 23, 0, 0, TimeSpan.Zero), range.From);
        Assert.Equal(TimeSpan.Zero, range.From.Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 5, 0, 0, TimeSpan.Zero), range.To);
        Assert.Equal(TimeSpan.Zero, range.To.Offset);
    }

    [Fact]
    public void A_date_and_an_instant_can_be_mixed()
    {
        var range = Valid("2026-11-01", "2026-11-10T00:00:00Z");

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), range.From);
        Assert.Equal(new DateTimeOffset(2026, 11, 10, 0, 0, 0, TimeSpan.Zero), range.To);
    }

    [Fact]
    public void Missing_or_blank_bounds_each_take_the_default_of_the_caller()
    {
        Assert.Equal(LastWeek, Valid(null, null));
        Assert.Equal(LastWeek, Valid(" ", ""));
        Assert.Equal(Now, Valid("2026-11-10", null).To);
        Assert.Equal(Now.AddDays(-7), Valid(null, "2026-11-30").From);
    }

    [Fact]
    public void The_last_day_of_the_calendar_can_end_a_range() =>
        Assert.Equal(DateTimeOffset.MaxValue, Valid("2026-11-01", "9999-12-31").To);

    [Fact]
    public void The_usual_defaults_are_this_month_so_far_and_the_last_days()
    {
        Assert.Equal(new TimeRange(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), Now), TimeRange.ThisMonthSoFar(Now));
        Assert.Equal(new TimeRange(new DateTimeOffset(2026, 11, 8, 12, 34, 56, TimeSpan.Zero), Now), LastWeek);
    }

    [Theory]
    [InlineData("2026-11-10T00:00:00Z", "2026-11-10T00:00:00Z")]
    [InlineData("2026-11-20", "2026-11-10")]
    [InlineData("2026-11-10T00:00:01Z", "2026-11-10T00:00:00Z")]
    [InlineData("2026-12-01", null)]
    [InlineData(null, "2026-11-01")]
    public void A_range_that_does_not_end_after_it_starts_is_rejected_on_to(string? from, string? to)
    {
        var errors = Invalid(from, to);

        Assert.Equal(["to"], errors.Keys);
        Assert.Contains("must be after 'from'", Assert.Single(errors["to"]));
    }

    [Theory]
    [InlineData("from", "yesterday")]
    [InlineData("from", "11/01/2026")]
    [InlineData("from", "2026-11-01T00:00:00")]
    [InlineData("to", "2026-13-01")]
    [InlineData("to", "01/11/2026")]
    [InlineData("to", "2026-11-31")]
    [InlineData("to", "2026-02-30")]
    public void A_bound_that_is_neither_a_date_nor_an_instant_with_offset_is_rejected_by_name(string name, string value)
    {
        var errors = name == "from" ? Invalid(value, null) : Invalid(null, value);

        Assert.Equal([name], errors.Keys);
        var error = Assert.Single(errors[name]);
        Assert.Contains($"'{value}'", error);
        Assert.Contains("ISO 8601 date", error);
    }

    [Fact]
    public void Both_bad_bounds_are_reported_together() =>
        Assert.Equal(["from", "to"], Invalid("soon", "later").Keys.Order());
}
