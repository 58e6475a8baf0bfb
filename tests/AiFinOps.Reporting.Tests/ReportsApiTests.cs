using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AiFinOps.Reporting.Tests;

/// <summary>The report endpoints' contract without the other services: keys, periods, missing reports, review decisions.</summary>
public sealed class ReportsApiTests(ReportingApp app) : IClassFixture<ReportingApp>
{
    [Theory]
    [InlineData("/api/v1/reports/monthly/2026-13", "period")]
    [InlineData("/api/v1/reports/monthly/2026-Q3.html", "period")]
    [InlineData("/api/v1/reports/quarterly/2026-10", "period")]
    [InlineData("/api/v1/reports/quarterly/2026-Q5/summary.csv", "period")]
    public async Task A_malformed_period_is_a_400_problem_naming_it(string path, string parameter)
    {
        using var response = await app.ClientWithKey(TestApiKeys.Reader).GetAsync(path);

        await ServiceAssert.ValidationProblemAsync(response, parameter);
    }

    [Theory]
    [InlineData("/api/v1/reports/monthly/2019-10")]
    [InlineData("/api/v1/reports/monthly/2019-10.html")]
    [InlineData("/api/v1/reports/quarterly/2019-Q3/summary.csv")]
    public async Task A_report_not_generated_yet_is_a_404_problem_saying_how_to_generate_it(string path)
    {
        using var response = await app.ClientWithKey(TestApiKeys.Reader).GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("POST /api/v1/reports/", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(TestApiKeys.Ingest, HttpStatusCode.Forbidden)]
    [InlineData(TestApiKeys.Reader, HttpStatusCode.Forbidden)]
    public async Task Running_a_report_needs_the_finance_scope(string? key, HttpStatusCode expected)
    {
        using var response = await app.ClientWithKey(key).PostAsync("/api/v1/reports/monthly/2026-10", null);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_team_restricted_key_cannot_read_organisation_wide_reports()
    {
        using var response = await app.ClientWithKey(TestApiKeys.ReaderOf("search")).GetAsync("/api/v1/reports/monthly/2026-10");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Review_decisions_are_recorded_per_quarter_and_read_back_in_order()
    {
        var admin = app.ClientWithKey(TestApiKeys.Admin);
        var workflow = Outcomes.NewName("wf");
        using var first = await admin.PostAsJsonAsync("/api/v1/reports/reviews/2026-Q2/decisions",
            new { workflow, change = "model-switch", description = "to the mini model", expectedMonthlySavingUsd = 120.5m });
        using var second = await admin.PostAsJsonAsync("/api/v1/reports/reviews/2026-Q2/decisions",
            new { workflow, change = "output-limit", expectedMonthlySavingUsd = 0 });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var decisions = await app.ClientWithKey(TestApiKeys.Reader).GetFromJsonAsync<JsonElement>("/api/v1/reports/reviews/2026-Q2/decisions");
        Assert.Equal([("model-switch", 120.5m, TestApiKeys.Admin), ("output-limit", 0m, TestApiKeys.Admin)],
            decisions.EnumerateArray().Where(d => d.GetProperty("workflow").GetString() == workflow)
                .Select(d => (d.GetProperty("change").GetString(), d.GetProperty("expectedMonthlySavingUsd").GetDecimal(), d.GetProperty("decidedBy").GetString())));
    }

    [Theory]
    [InlineData("{\"change\":\"model-switch\",\"expectedMonthlySavingUsd\":1}", "workflow")]
    [InlineData("{\"workflow\":\"triage\",\"change\":\"magic\",\"expectedMonthlySavingUsd\":1}", "change")]
    [InlineData("{\"workflow\":\"triage\",\"change\":\"caching\"}", "expectedMonthlySavingUsd")]
    [InlineData("{\"workflow\":\"triage\",\"change\":\"caching\",\"expectedMonthlySavingUsd\":-5}", "expectedMonthlySavingUsd")]
    public async Task A_decision_missing_what_it_needs_is_a_400_problem_per_field(string body, string field)
    {
        using var response = await app.ClientWithKey(TestApiKeys.Admin).PostAsync("/api/v1/reports/reviews/2026-Q2/decisions",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await ServiceAssert.ValidationProblemAsync(response, field);
    }

    [Fact]
    public async Task Recording_a_decision_needs_the_finance_scope()
    {
        using var response = await app.ClientWithKey(TestApiKeys.Reader).PostAsJsonAsync("/api/v1/reports/reviews/2026-Q2/decisions",
            new { workflow = "triage", change = "caching", expectedMonthlySavingUsd = 1 });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_browser_opening_an_html_report_without_a_key_is_asked_for_one_with_basic()
    {
        using var page = await app.ClientWithKey(null).GetAsync("/api/v1/reports/monthly/2026-10.html");
        using var json = await app.ClientWithKey(null).GetAsync("/api/v1/reports/monthly/2026-10");

        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        Assert.Equal("Basic", Assert.Single(page.Headers.WwwAuthenticate).Scheme);
        Assert.Equal("Bearer", Assert.Single(json.Headers.WwwAuthenticate).Scheme);
    }
}
