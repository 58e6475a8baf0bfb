using System.Text.Json;
using AiFinOps.Cli.Common;
using AiFinOps.Cli.Reports;

namespace AiFinOps.Cli.Tests;

public sealed class ReportTests
{
    [Fact]
    public void Report_monthly_and_quarterly_take_their_period_and_refuse_another_shape()
    {
        Assert.Empty(Cli.Parse("report monthly 2026-10").Errors);
        Assert.Empty(Cli.Parse("report quarterly 2026-Q3").Errors);
        Assert.Contains("'2026-Q3' is not a month", Cli.Errors("report monthly 2026-Q3"));
        Assert.Contains("'2026-13' is not a month", Cli.Errors("report monthly 2026-13"));
        Assert.Contains("'2026-10' is not a quarter", Cli.Errors("report quarterly 2026-10"));
        Assert.Equal("/api/v1/reports/monthly/2026-10", ReportCommand.Path("monthly", "2026-10"));
    }

    [Fact]
    public void A_run_prints_its_version_whether_it_is_new_and_where_each_format_is()
    {
        var run = JsonSerializer.Deserialize<JsonElement>("""
            { "kind": "monthly", "period": "2026-10", "version": 2, "added": false, "generatedAt": "2026-11-01T06:00:00Z",
              "links": { "json": "/api/v1/reports/monthly/2026-10", "html": "/api/v1/reports/monthly/2026-10.html",
                         "csv": "/api/v1/reports/monthly/2026-10", "tables": ["summary", "by-team"] } }
            """);

        var lines = ReportRunSummary.Lines(run, new Uri("http://localhost:8080/"));

        Assert.Contains("version 2 (unchanged", lines[0]);
        Assert.Equal("HTML  http://localhost:8080/api/v1/reports/monthly/2026-10.html", lines[1]);
        Assert.EndsWith("tables: summary, by-team", lines[3]);
        var table = Rendered.Text(ReportRunSummary.Build(run, new Uri("http://localhost:8080/")));
        Assert.Contains("http://localhost:8080/api/v1/reports/monthly/2026-10.html", table);
        Assert.Contains("http://localhost:8080/api/v1/reports/monthly/2026-10/{table}.csv", table);
        Assert.Contains("tables: summary, by-team", table);
    }

    [Fact]
    public void Report_csv_prints_the_table_asked_for_else_the_first_and_refuses_an_unknown_one()
    {
        var run = JsonSerializer.Deserialize<JsonElement>("""
            { "links": { "csv": "/api/v1/reports/quarterly/2026-Q3", "tables": ["summary", "by-team"] } }
            """);

        Assert.Equal("/api/v1/reports/quarterly/2026-Q3/summary.csv", ReportRunSummary.CsvPath(run, null));
        Assert.Equal("/api/v1/reports/quarterly/2026-Q3/by-team.csv", ReportRunSummary.CsvPath(run, "by-team"));
        Assert.Contains("no table 'by-model'", Assert.Throws<GatewayException>(() => ReportRunSummary.CsvPath(run, "by-model")).Message);
        Assert.Empty(Cli.Parse("report quarterly 2026-Q3 --csv --table by-team").Errors);
        Assert.Contains("Choose one of --csv and --json", Cli.Errors("report monthly 2026-10 --csv --json"));
    }
}
