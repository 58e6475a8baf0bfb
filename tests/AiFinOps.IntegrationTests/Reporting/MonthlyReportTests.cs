using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiFinOps.Contracts.Messages;
using AiFinOps.IntegrationTests.Budgets;
using AiFinOps.IntegrationTests.Infrastructure;

namespace AiFinOps.IntegrationTests.Reporting;

/// <summary>
/// The monthly AI cost report generated on demand against every service in-process: its figures against allocation's
/// own answers for the same month, its idempotence, its announcements and its formats.
/// </summary>
public sealed class MonthlyReportTests(SeededMonth seeded) : IClassFixture<SeededMonth>
{
    private ReportingSystem System => seeded.System;

    [Fact]
    public async Task Every_figure_of_the_monthly_report_ties_out_to_the_allocation_api_for_the_same_month()
    {
        var report = await GenerateAsync();
        var (from, to) = (seeded.Month.ToString("yyyy-MM-dd"), seeded.Month.AddMonths(1).AddDays(-1).ToString("yyyy-MM-dd"));
        var previous = seeded.Month.AddMonths(-1);
        using var allocation = System.Client(System.Allocation);
        Task<JsonElement> Spend(string query) => allocation.GetFromJsonAsync<JsonElement>($"/api/v1/spend?from={from}&to={to}&{query}");

        var total = (await Spend("groupBy=team")).GetProperty("totals");
        Assert.Equal(total.GetProperty("effectiveCostUsd").GetDecimal(), report.GetProperty("total").GetProperty("costUsd").GetDecimal());
        Assert.Equal(total.GetProperty("events").GetInt64(), report.GetProperty("total").GetProperty("events").GetInt64());
        var before = await allocation.GetFromJsonAsync<JsonElement>($"/api/v1/spend?from={previous:yyyy-MM-dd}&to={seeded.Month.AddDays(-1):yyyy-MM-dd}");
        Assert.Equal(before.GetProperty("totals").GetProperty("effectiveCostUsd").GetDecimal(), report.GetProperty("total").GetProperty("previousCostUsd").GetDecimal());

        foreach (var (dimension, groupBy) in new[] { ("byTeam", "team"), ("byWorkflow", "workflow"), ("byEnvironment", "environment"), ("byModel", "provider,model") })
        {
            var expected = (await Spend($"groupBy={groupBy}")).GetProperty("rows").EnumerateArray()
                .ToDictionary(r => string.Join("/", groupBy.Split(',').Select(d => r.GetProperty(d).GetString())),
                    r => (r.GetProperty("effectiveCostUsd").GetDecimal(), r.GetProperty("events").GetInt64()));
            var reported = report.GetProperty(dimension).EnumerateArray().Where(l => l.GetProperty("events").GetInt64() > 0)
                .ToDictionary(l => l.GetProperty("name").GetString()!, l => (l.GetProperty("costUsd").GetDecimal(), l.GetProperty("events").GetInt64()));
            Assert.Equal(expected.OrderBy(e => e.Key), reported.OrderBy(e => e.Key));
        }
        Assert.Equal(4, report.GetProperty("byModel").EnumerateArray().Count(l => l.GetProperty("events").GetInt64() > 0));

        var chargeback = await allocation.GetFromJsonAsync<JsonElement>($"/api/v1/chargeback/{seeded.MonthKey}?groupBy=cost_centre");
        var centres = chargeback.GetProperty("lines").EnumerateArray().GroupBy(l => l.GetProperty("costCentre").GetString()!)
            .ToDictionary(g => g.Key, g => g.Sum(l => l.GetProperty("effectiveCostUsd").GetDecimal()));
        Assert.Equal(centres.OrderBy(c => c.Key), report.GetProperty("byCostCentre").EnumerateArray().Where(l => l.GetProperty("events").GetInt64() > 0)
            .ToDictionary(l => l.GetProperty("name").GetString()!, l => l.GetProperty("costUsd").GetDecimal()).OrderBy(c => c.Key));
        Assert.Contains("CC-100", centres.Keys);
        Assert.Equal(chargeback.GetProperty("totals").GetProperty("effectiveCostUsd").GetDecimal(), centres.Values.Sum());

        var daily = (await Spend("groupBy=environment&granularity=day")).GetProperty("rows").EnumerateArray()
            .GroupBy(r => r.GetProperty("period").GetString()!).ToDictionary(g => g.Key, g => g.Sum(r => r.GetProperty("effectiveCostUsd").GetDecimal()));
        var days = report.GetProperty("daily").EnumerateArray().ToDictionary(d => d.GetProperty("day").GetString()!, d => d.GetProperty("costUsd").GetDecimal());
        Assert.Equal(DateTime.DaysInMonth(seeded.Month.Year, seeded.Month.Month), days.Count);
        Assert.All(days, d => Assert.Equal(daily.GetValueOrDefault(d.Key), d.Value));
        Assert.All(daily, d => Assert.True(days.ContainsKey(d.Key), $"{d.Key} is missing from the report"));

        var quality = await allocation.GetFromJsonAsync<JsonElement>($"/api/v1/data-quality?from={from}&to={to}");
        Assert.Equal(quality.GetProperty("tagCoverage").GetProperty("allThree").GetProperty("spendPercent").GetDecimal(),
            report.GetProperty("dataQuality").GetProperty("allThreeSpendPercent").GetDecimal());
        Assert.Equal(1, report.GetProperty("dataQuality").GetProperty("unpricedEvents").GetInt64());

        var triage = (await Spend("groupBy=workflow&workflow=triage")).GetProperty("totals").GetProperty("effectiveCostUsd").GetDecimal();
        var unit = Assert.Single(report.GetProperty("unitEconomics").EnumerateArray());
        Assert.Equal(("triage", "ticket", 10.0), (unit.GetProperty("workflow").GetString(), unit.GetProperty("unit").GetString(), unit.GetProperty("units").GetDouble()));
        Assert.Equal(Math.Round(triage / 10m, 6), unit.GetProperty("costPerUnitUsd").GetDecimal());
        Assert.Equal(["(untagged)", "emails"], report.GetProperty("workflowsWithoutOutcomes").EnumerateArray().Select(w => w.GetString()).Order());
    }

    [Fact]
    public async Task Each_budgets_status_in_the_report_is_budgetings_own_for_the_same_period()
    {
        var team = "budgeted-" + Guid.NewGuid().ToString("N")[..6];
        var budget = await BudgetApi.DefineAsync(System.Budgeting, ReportingSystem.AdminKey, team, 10m);
        await Seeding.RecordAsync(System, [Seeding.Call(DateTimeOffset.UtcNow.AddMinutes(-1), team, "triage", "gpt-4o")]);
        var status = await Eventually.Until(() => BudgetApi.StatusAsync(System.Budgeting, ReportingSystem.AdminKey, budget),
            s => s.GetProperty("events").GetInt64() == 1, "budgeting accrued the call");
        var period = status.GetProperty("period").GetString()!;

        using var reporting = System.Client(System.Reporting);
        using var run = await reporting.PostAsync($"/api/v1/reports/monthly/{period}", null);
        Assert.True(run.IsSuccessStatusCode, await run.Content.ReadAsStringAsync());
        var report = (await reporting.GetFromJsonAsync<JsonElement>($"/api/v1/reports/monthly/{period}")).GetProperty("report");

        var line = Assert.Single(report.GetProperty("budgets").EnumerateArray(), b => b.GetProperty("budgetId").GetString() == budget);
        Assert.Equal(($"team:{team}", period, 10m), (line.GetProperty("scope").GetString(), line.GetProperty("period").GetString(), line.GetProperty("amountUsd").GetDecimal()));
        Assert.Equal((status.GetProperty("spentUsd").GetDecimal(), status.GetProperty("percentUsed").GetDecimal()),
            (line.GetProperty("spentUsd").GetDecimal(), line.GetProperty("percentUsed").GetDecimal()));
        Assert.True(line.GetProperty("spentUsd").GetDecimal() > 0);
    }

    [Fact]
    public async Task Running_it_again_on_the_same_figures_keeps_the_version_and_queues_one_webhook_notice_with_the_link()
    {
        await using var reports = await MessageListener<ReportPublished>.StartAsync(System.MessagingPrefix);
        await using var alerts = await MessageListener<AlertRaised>.StartAsync(System.MessagingPrefix);
        using var notifications = System.Client(System.Notifications);
        using var subscribed = await notifications.PostAsJsonAsync("/api/v1/subscriptions", new
        {
            name = "reports",
            kind = "webhook",
            url = "http://127.0.0.1:9/reports",
            format = "json",
            filter = new { kinds = new[] { "report.*" } },
        });
        Assert.True(subscribed.IsSuccessStatusCode, await subscribed.Content.ReadAsStringAsync());
        var subscription = (await subscribed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        using var reporting = System.Client(System.Reporting);
        var first = await RunAsync(reporting);
        var second = await RunAsync(reporting);

        Assert.Equal(first.GetProperty("version").GetInt32(), second.GetProperty("version").GetInt32());
        Assert.False(second.GetProperty("added").GetBoolean());
        var published = await Eventually.Until(() => Task.FromResult(reports.Where(p => p.Period == seeded.MonthKey)), p => p.Count >= 2, "both runs published the report");
        var raised = await Eventually.Until(() => Task.FromResult(alerts.Where(a => a.Period == seeded.MonthKey)), a => a.Count >= 2, "both runs raised the notice");
        Assert.Single(published.Select(p => p.MessageId).Distinct());
        Assert.Equal(published[0].Message.ReportId, published[0].MessageId);
        Assert.Single(raised.Select(a => a.Message.AlertId).Distinct());
        var notice = raised[0].Message;
        Assert.Equal(("report.published", "info", "reporting"), (notice.Kind, notice.Severity, notice.Source));
        Assert.EndsWith($"/api/v1/reports/monthly/{seeded.MonthKey}.html", notice.DashboardUrl);
        Assert.Equal(published[0].Message.HtmlUrl, notice.DashboardUrl);

        // Notifications turns the notice, delivered twice, into one delivery to the subscribed webhook.
        var deliveries = await Eventually.Until(async () => (await notifications.GetFromJsonAsync<JsonElement>("/api/v1/deliveries")).EnumerateArray()
                .Where(d => d.GetProperty("alertId").GetGuid() == notice.AlertId).ToList(),
            d => d.Count > 0, "notifications queued the notice for the webhook");
        await Task.Delay(1000);
        var delivery = Assert.Single((await notifications.GetFromJsonAsync<JsonElement>("/api/v1/deliveries")).EnumerateArray(),
            d => d.GetProperty("alertId").GetGuid() == notice.AlertId);
        Assert.Equal(($"subscription:{subscription}", "report.published"), (delivery.GetProperty("target").GetString(), delivery.GetProperty("alertKind").GetString()));
        Assert.Single(deliveries);
    }

    [Fact]
    public async Task The_html_page_opens_in_headless_chromium_and_every_linked_table_downloads_as_csv()
    {
        var document = await RunAsync(System.Client(System.Reporting));
        using var reporting = System.Client(System.Reporting);

        var html = await reporting.GetStringAsync(document.GetProperty("links").GetProperty("html").GetString());
        var file = Path.Combine(HeadlessChromium.ArtifactsFolder, $"monthly-report-{seeded.MonthKey}.html");
        await File.WriteAllTextAsync(file, html);
        var screenshot = Path.ChangeExtension(file, ".png");
        var browser = await HeadlessChromium.ScreenshotAsync(file, screenshot);

        Assert.True(File.Exists(screenshot), "no screenshot: " + browser);
        var png = await File.ReadAllBytesAsync(screenshot);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
        Assert.True(png.Length > 20_000, $"a {png.Length}-byte screenshot is too small to show the report");
        Assert.Contains("<svg", html);

        var tables = document.GetProperty("links").GetProperty("tables").EnumerateArray().Select(t => t.GetString()!).ToList();
        Assert.Contains("by-team", tables);
        foreach (var table in tables)
        {
            using var csv = await reporting.GetAsync($"{document.GetProperty("links").GetProperty("csv").GetString()}/{table}.csv");
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
            Assert.Contains($"/{table}.csv", html);
        }
        var byTeam = await reporting.GetStringAsync($"{document.GetProperty("links").GetProperty("csv").GetString()}/by-team.csv");
        Assert.StartsWith("name,cost_usd,share_percent,", byTeam);
        Assert.Contains("\r\nsearch,", byTeam);
    }

    private async Task<JsonElement> GenerateAsync()
    {
        using var reporting = System.Client(System.Reporting);
        await RunAsync(reporting);
        var document = await reporting.GetFromJsonAsync<JsonElement>($"/api/v1/reports/monthly/{seeded.MonthKey}");
        return document.GetProperty("report");
    }

    private async Task<JsonElement> RunAsync(HttpClient reporting)
    {
        using var response = await reporting.PostAsync($"/api/v1/reports/monthly/{seeded.MonthKey}", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
