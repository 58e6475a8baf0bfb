using AiFinOps.Budgeting.Spend;

namespace AiFinOps.Budgeting.Tests;

public sealed class CalendarMonthTests
{
    [Fact]
    public void A_period_is_written_year_dash_month()
    {
        Assert.True(CalendarMonth.TryParse("2026-11", out var month));
        Assert.Equal(new CalendarMonth(2026, 11), month);
        Assert.Equal("2026-11", month.Value.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("2026-1")]
    [InlineData("26-11")]
    [InlineData("2026/11")]
    [InlineData("2026-11-01")]
    [InlineData("november")]
    [InlineData("9999-12")] // no month follows it: its end is not computable
    [InlineData("1999-12")]
    [InlineData("3000-01")]
    public void Anything_but_a_calendar_month_is_rejected(string text) =>
        Assert.False(CalendarMonth.TryParse(text, out _));

    [Fact]
    public void Spend_accrues_in_the_UTC_month_of_the_call() =>
        Assert.Equal(new CalendarMonth(2026, 12), CalendarMonth.Of(new DateTimeOffset(2026, 11, 30, 20, 0, 0, TimeSpan.FromHours(-5))));
}
