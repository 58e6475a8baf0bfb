using AiFinOps.Web.Charts;

namespace AiFinOps.Web.Tests;

public sealed class ChartGeometryTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("0.00045", "0.0005")]
    [InlineData("1", "1")]
    [InlineData("1.2", "2")]
    [InlineData("3", "5")]
    [InlineData("7.5", "10")]
    [InlineData("120", "200")]
    [InlineData("500", "500")]
    public void The_axis_ends_at_the_next_1_2_or_5_times_a_power_of_ten(string max, string axis) =>
        Assert.Equal(decimal.Parse(axis), ChartGeometry.AxisMax(decimal.Parse(max)));

    [Fact]
    public void Bars_share_the_width_and_their_heights_are_proportional_to_the_axis()
    {
        var bars = ChartGeometry.Bars([("2026-11-01", 1m), ("2026-11-02", 5m), ("2026-11-03", 0m), ("2026-11-04", 2.5m)], width: 400, height: 100, gap: 4);

        Assert.Equal([2d, 102d, 202d, 302d], bars.Select(b => b.X));
        Assert.All(bars, b => Assert.Equal(96, b.Width));
        Assert.Equal([20d, 100d, 0d, 50d], bars.Select(b => b.Height));
        Assert.All(bars, b => Assert.Equal(100, b.Y + b.Height)); // every bar stands on the axis
        Assert.Equal("2026-11-02", bars[1].Label);
    }

    [Fact]
    public void No_points_draw_no_bars_and_all_zero_points_draw_flat_ones()
    {
        Assert.Empty(ChartGeometry.Bars([], 400, 100));
        Assert.All(ChartGeometry.Bars([("a", 0m), ("b", 0m)], 400, 100), b => Assert.Equal(0, b.Height));
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("40", 0.4)]
    [InlineData("100", 1)]
    [InlineData("180", 1)]
    [InlineData("-5", 0)]
    public void A_budget_gauge_fills_its_spent_share_and_stays_full_when_over(string percent, double fill) =>
        Assert.Equal(fill, ChartGeometry.GaugeFill(decimal.Parse(percent)), 6);
}
