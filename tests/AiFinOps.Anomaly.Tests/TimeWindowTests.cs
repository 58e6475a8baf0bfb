namespace AiFinOps.Anomaly.Tests;

public sealed class TimeWindowTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Dates_are_midnight_UTC_and_to_is_exclusive()
    {
        var (window, errors) = TimeWindow.Parse("2026-11-01", "2026-12-01", Now);

        Assert.Empty(errors);
        Assert.Equal(new TimeWindow(new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)), window);
    }

    [Fact]
    public void Date_times_keep_their_offset_and_are_read_as_UTC_without_one()
    {
        var (window, _) = TimeWindow.Parse("2026-11-01T09:30:00+02:00", "2026-11-02T00:00:00", Now);

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 7, 30, 0, TimeSpan.Zero), window!.Value.From);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero), window.Value.To);
    }

    [Fact]
    public void Without_bounds_the_window_is_the_last_seven_days()
    {
        var (window, _) = TimeWindow.Parse(null, null, Now);

        Assert.Equal(new TimeWindow(Now.AddDays(-7), Now), window);
    }

    [Theory]
    [InlineData("yesterday", null, "from")]
    [InlineData("2026-11-01", "2026-13-01", "to")]
    [InlineData("11/01/2026", null, "from")]
    [InlineData("2026-11-02", "2026-11-01", "from")]
    [InlineData("2026-11-01", "2026-11-01", "from")]
    public void A_bad_bound_is_reported_under_its_parameter_name(string? from, string? to, string parameter)
    {
        var (window, errors) = TimeWindow.Parse(from, to, Now);

        Assert.Null(window);
        Assert.Equal([parameter], errors.Keys);
    }
}
