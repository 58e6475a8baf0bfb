using AiFinOps.Reporting.Periods;
using AiFinOps.Reporting.Publishing;
using AiFinOps.Reporting.Rendering;

namespace AiFinOps.Reporting.Tests.Reports;

public sealed class FormatsTests
{
    [Fact]
    public void Csv_quotes_what_needs_quoting_and_writes_numbers_unrounded_and_null_as_empty()
    {
        var table = new ReportTable("t", "T", ["name", "cost_usd", "note"], [["a,b", 0.123456789m, null], ["say \"hi\"", 5L, "x"]]);

        Assert.Equal("name,cost_usd,note\r\n\"a,b\",0.123456789,\r\n\"say \"\"hi\"\"\",5,x\r\n", Csv.Write(table));
    }

    [Fact]
    public void The_html_page_is_self_contained_escapes_names_and_links_each_tables_csv()
    {
        var view = new ReportView("Report <1>", "sub", [("Total", "$1.00")], [new ReportChart("By team", false, [("<team>", 1m)])],
            [new ReportTable("by-team", "By team", ["name", "cost_usd"], [["<team>", 1m]])]);

        var html = Html.Page(view, "/api/v1/reports/monthly/2026-10");

        Assert.Contains("<svg", html);
        Assert.Contains("@media print", html);
        Assert.Contains("href=\"/api/v1/reports/monthly/2026-10/by-team.csv\"", html);
        Assert.DoesNotContain("<team>", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("src=", html);
    }

    [Theory]
    [InlineData("2026-11-30T10:00:00Z", "2026-10", "2026-Q3")]
    [InlineData("2027-01-01T06:00:00Z", "2026-12", "2026-Q4")]
    [InlineData("2026-04-01T07:00:00Z", "2026-03", "2026-Q1")]
    public void The_jobs_report_the_month_and_the_quarter_before(string now, string month, string quarter)
    {
        var instant = DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal((month, quarter), (ReportPeriod.MonthBefore(instant).Key, ReportPeriod.QuarterBefore(instant).Key));
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-1")]
    [InlineData("26-10")]
    [InlineData("2026-Q3")]
    public void A_malformed_month_is_refused_with_a_reason(string text)
    {
        Assert.Null(ReportPeriod.ParseMonth(text, out var reason));
        Assert.Contains("yyyy-MM", reason);
    }

    [Fact]
    public void Announcement_ids_derive_from_the_report_version()
    {
        Assert.Equal(DerivedIds.Of("report:monthly:2026-10:v1"), DerivedIds.Of("report:monthly:2026-10:v1"));
        Assert.NotEqual(DerivedIds.Of("report:monthly:2026-10:v1"), DerivedIds.Of("report:monthly:2026-10:v2"));
    }
}
