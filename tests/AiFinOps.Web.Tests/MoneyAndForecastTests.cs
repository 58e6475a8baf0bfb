using AiFinOps.Web.Formatting;
using AiFinOps.Web.Overview;
using AiFinOps.Web.SigningIn;

namespace AiFinOps.Web.Tests;

public sealed class MoneyAndForecastTests
{
    [Theory]
    [InlineData("0", "$0.00")]
    [InlineData("1234.567", "$1,234.57")]
    [InlineData("-12", "-$12.00")]
    [InlineData("0.00045", "$0.00045")]
    [InlineData("0.1234567", "$0.123457")]
    [InlineData("0.0000001", "<$0.000001")]
    public void Amounts_show_cents_from_a_dollar_and_the_significant_digits_below(string usd, string shown) =>
        Assert.Equal(shown, Money.Format(decimal.Parse(usd)));

    [Fact]
    public void The_forecast_projects_month_to_date_spend_over_the_whole_month_at_the_same_pace()
    {
        // 10 days of November's 30 gone: a third of the month.
        Assert.Equal(300m, MonthForecast.StraightLine(100m, new DateTimeOffset(2026, 11, 11, 0, 0, 0, TimeSpan.Zero)));
        // In the month's first hour nothing is projected beyond what is known.
        Assert.Equal(4m, MonthForecast.StraightLine(4m, new DateTimeOffset(2026, 12, 1, 0, 30, 0, TimeSpan.Zero)));
        Assert.Equal(0m, MonthForecast.StraightLine(0m, new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("/explore?team=search", "/explore?team=search")]
    [InlineData(null, "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("/signin?problem=unknown", "/")]
    public void After_sign_in_only_a_path_of_this_site_is_followed(string? returnUrl, string followed) =>
        Assert.Equal(followed, SignInEndpoints.SafeReturnUrl(returnUrl));
}
