namespace AiFinOps.Reporting.Tests;

public sealed class TimeWindowTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Dates_are_midnight_UTC_and_to_is_exclusive() =>
        Assert.Equal(
            new TimeWindow(new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)),
            TimeWindow.Parse("2026-11-01", "2026-12-01", Now).Window);

    [Theory]
    [InlineData("soon", null, "from")]
    [InlineData(null, "2026-02-30", "to")]
    [InlineData("2026-12-01", "2026-11-01", "from")]
    public void A_bad_bound_is_reported_under_its_parameter_name(string? from, string? to, string parameter) =>
        Assert.Equal([parameter], TimeWindow.Parse(from, to, Now).Errors.Keys);
}
