using System.Net.Http.Json;
using System.Text.Json;
using AiFinOps.Contracts.Usage.V1;
using AiFinOps.IntegrationTests.Infrastructure;
using Npgsql;
using static AiFinOps.IntegrationTests.Reporting.Seeding;

namespace AiFinOps.IntegrationTests.Reporting;

/// <summary>
/// A seeded quarter with a known answer: one workflow on an expensive model with repetitive prompts, one that records
/// no outcomes, one whose prompt change doubled its outputs. The review pack must name each with the right saving.
/// </summary>
public sealed class ReviewPackTests(ReportingSystem system) : IClassFixture<ReportingSystem>
{
    // USD per million tokens.
    private static readonly (string Model, decimal Input, decimal Output, decimal? CacheRead)[] Prices =
        [("premium", 10m, 30m, 1m), ("mid", 3m, 15m, null), ("lite", 0.01m, 0.02m, null)];

    [Fact]
    public async Task The_review_pack_names_the_expensive_repetitive_the_valueless_and_the_verbose_workflow_with_their_savings()
    {
        var quarter = PreviousQuarter();
        var key = $"{quarter:yyyy}-Q{(quarter.Month - 1) / 3 + 1}";
        await SetPricesAsync();
        var calls = new List<UsageEvent>();
        var outcomes = new List<OutcomeEvent>();
        for (var m = 0; m < 3; m++)
        {
            var month = quarter.AddMonths(m);
            DateTimeOffset At(int i) => month.AddDays(i % 25).AddHours(i % 20);
            // 100 FAQ answers a month on the premium model, 30 distinct prompts over the quarter, each with an output limit.
            calls.AddRange(Enumerable.Range(0, 100).Select(i => Call(At(i), "support", "faq-bot", "premium", "acme", input: 10_000, output: 500,
                fingerprint: $"faq-{(m * 100 + i) % 30}", maxOutput: 1024)));
            outcomes.Add(Outcome(At(1), "support", "faq-bot", "answer", 100));
            // A summariser that spends and records nothing it delivers.
            calls.AddRange(Enumerable.Range(0, 20).Select(i => Call(At(i), "ops", "silent-summariser", "mid", "acme", input: 2_000, output: 300)));
            // A report writer whose prompt change in the last month doubled its output, with no output limit.
            calls.AddRange(Enumerable.Range(0, 100).Select(i => Call(At(i), "finance", "report-writer", "mid", "acme", input: 1_000, output: m == 2 ? 800 : 400)));
            outcomes.Add(Outcome(At(2), "finance", "report-writer", "report", 100));
        }
        await RecordAsync(system, calls);
        await RecordAsync(system, outcomes);
        await WaitUntilBookedAsync(quarter, calls.Count, outcomes.Count);

        using var reporting = system.Client(system.Reporting);
        using var run = await reporting.PostAsync($"/api/v1/reports/quarterly/{key}", null);
        Assert.True(run.IsSuccessStatusCode, await run.Content.ReadAsStringAsync());
        var pack = (await reporting.GetFromJsonAsync<JsonElement>($"/api/v1/reports/quarterly/{key}")).GetProperty("report");

        var top = pack.GetProperty("topWorkflows").EnumerateArray().ToDictionary(w => w.GetProperty("workflow").GetString()!);
        Assert.Equal(["faq-bot", "report-writer", "silent-summariser"], pack.GetProperty("topWorkflows").EnumerateArray().Select(w => w.GetProperty("workflow").GetString()));

        // The expensive, repetitive one: $34.50 at list on premium; $0.033 on lite for the same 3M input and 150k output tokens.
        var faq = top["faq-bot"];
        Assert.Equal(34.5m, faq.GetProperty("costUsd").GetDecimal());
        var best = faq.GetProperty("cheaperModel").GetProperty("alternatives")[0];
        Assert.Equal(("acme/premium", "acme/lite", 0.033m, 34.47m), (best.GetProperty("fromModel").GetString(), best.GetProperty("toModel").GetString(),
            best.GetProperty("costUsd").GetDecimal(), best.GetProperty("savingUsd").GetDecimal()));
        Assert.Equal(34.47m, faq.GetProperty("cheaperModel").GetProperty("bestSavingUsd").GetDecimal());
        // 270 of 300 calls repeat a prompt: 90 %; at a 72 % hit rate, 3M uncached input × 0.72 × ($10 − $1) per million = $19.44.
        var faqEfficiency = faq.GetProperty("efficiency");
        Assert.Equal((90m, 72m, 19.44m), (faqEfficiency.GetProperty("repeatedPromptPercent").GetDecimal(),
            faqEfficiency.GetProperty("assumedHitRatePercent").GetDecimal(), faqEfficiency.GetProperty("cacheSavingUsd").GetDecimal()));
        Assert.False(faq.GetProperty("value").GetProperty("spendWithoutOutcomes").GetBoolean());
        Assert.Equal(0, faqEfficiency.GetProperty("callsWithoutOutputLimit").GetInt64());

        // The one without outcomes is flagged, the others are not.
        Assert.True(top["silent-summariser"].GetProperty("value").GetProperty("spendWithoutOutcomes").GetBoolean());
        Assert.Contains(top["silent-summariser"].GetProperty("findings").EnumerateArray(), f => f.GetString()!.Contains("no outcomes recorded"));
        Assert.False(top["report-writer"].GetProperty("value").GetProperty("spendWithoutOutcomes").GetBoolean());

        // The verbose one: 400 → 800 output tokens per call; 100 calls × 400 extra × $15 per million = $0.60 a month; no output limit.
        var writer = top["report-writer"].GetProperty("efficiency");
        Assert.Equal((2m, 0.6m, 100m), (writer.GetProperty("outputGrowth").GetDecimal(), writer.GetProperty("extraOutputCostUsdPerMonth").GetDecimal(),
            writer.GetProperty("withoutOutputLimitPercent").GetDecimal()));
        Assert.Equal(JsonValueKind.Null, faqEfficiency.GetProperty("extraOutputCostUsdPerMonth").ValueKind);

        // The quarter's figures tie out to allocation.
        using var allocation = system.Client(system.Allocation);
        var spend = await allocation.GetFromJsonAsync<JsonElement>(
            $"/api/v1/spend?from={quarter:yyyy-MM-dd}&to={quarter.AddMonths(3).AddDays(-1):yyyy-MM-dd}&groupBy=workflow");
        Assert.Equal(spend.GetProperty("totals").GetProperty("effectiveCostUsd").GetDecimal(), pack.GetProperty("total").GetProperty("costUsd").GetDecimal());
        Assert.Equal(spend.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("workflow").GetString()!, r => r.GetProperty("effectiveCostUsd").GetDecimal()),
            pack.GetProperty("byWorkflow").EnumerateArray().ToDictionary(w => w.GetProperty("name").GetString()!, w => w.GetProperty("costUsd").GetDecimal()));

        await KeepScreenshotAsync(reporting, key);
    }

    [Fact]
    public async Task A_recorded_decision_makes_a_new_version_of_the_pack_and_an_unchanged_run_does_not()
    {
        var quarter = PreviousQuarter().AddMonths(-3);
        var key = $"{quarter:yyyy}-Q{(quarter.Month - 1) / 3 + 1}";
        using var reporting = system.Client(system.Reporting);

        var first = await RunAsync(reporting, key);
        var again = await RunAsync(reporting, key);
        using var decided = await reporting.PostAsJsonAsync($"/api/v1/reports/reviews/{key}/decisions",
            new { workflow = "faq-bot", change = "model-switch", description = "premium → lite", expectedMonthlySavingUsd = 11.5m });
        Assert.Equal(System.Net.HttpStatusCode.Created, decided.StatusCode);
        var after = await RunAsync(reporting, key);

        Assert.Equal(first.GetProperty("version").GetInt32(), again.GetProperty("version").GetInt32());
        Assert.Equal(first.GetProperty("version").GetInt32() + 1, after.GetProperty("version").GetInt32());
        var pack = (await reporting.GetFromJsonAsync<JsonElement>($"/api/v1/reports/quarterly/{key}")).GetProperty("report");
        Assert.Equal("model-switch", Assert.Single(pack.GetProperty("decisions").EnumerateArray()).GetProperty("change").GetString());
        var earlier = (await reporting.GetFromJsonAsync<JsonElement>($"/api/v1/reports/quarterly/{key}?version={first.GetProperty("version").GetInt32()}")).GetProperty("report");
        Assert.Empty(earlier.GetProperty("decisions").EnumerateArray());
        Assert.False(string.IsNullOrEmpty(pack.GetProperty("maturity").GetProperty("level").GetString()));
    }

    private static DateTimeOffset PreviousQuarter()
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Year, (now.Month - 1) / 3 * 3 + 1, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-3);
    }

    private async Task SetPricesAsync()
    {
        using var ingest = system.Client(system.Ingest);
        foreach (var (model, input, output, cacheRead) in Prices)
        {
            using var response = await ingest.PostAsJsonAsync("/api/v1/prices", new
            {
                provider = "acme",
                model,
                effectiveFrom = "2025-01-01",
                source = "https://acme.test/pricing",
                checkedOn = "2025-01-01",
                tiers = new { standard = new { rates = new { input, output, cacheRead } } },
            });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    private async Task WaitUntilBookedAsync(DateTimeOffset quarter, int calls, int outcomes)
    {
        var range = $"from={quarter:yyyy-MM-dd}&to={quarter.AddMonths(3).AddDays(-1):yyyy-MM-dd}";
        using var allocation = system.Client(system.Allocation);
        await Eventually.Until(() => allocation.GetFromJsonAsync<JsonElement>($"/api/v1/spend?{range}&groupBy=team"),
            s => s.GetProperty("totals").GetProperty("events").GetInt64() == calls && s.GetProperty("totals").GetProperty("unpricedEvents").GetInt64() == 0,
            "allocation booked and priced every call");
        using var reporting = system.Client(system.Reporting);
        await Eventually.Until(() => reporting.GetFromJsonAsync<JsonElement>($"/api/v1/reports/outcomes?{range}"),
            o => o.GetProperty("workflows").EnumerateArray().Sum(w => w.GetProperty("outcomes").GetInt64()) == outcomes, "reporting recorded the outcomes");
        await Eventually.Until(ProfiledCallsAsync, n => n == calls, "reporting profiled every call");
    }

    /// <summary>Reporting's own rollup, read in the test's database: what the review pack's efficiency answers read.</summary>
    private async Task<long> ProfiledCallsAsync()
    {
        await using var connection = new NpgsqlConnection(system.DatabaseConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select coalesce(sum(calls), 0)::bigint from reporting.call_profile_daily", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<JsonElement> RunAsync(HttpClient reporting, string key)
    {
        using var response = await reporting.PostAsync($"/api/v1/reports/quarterly/{key}", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task KeepScreenshotAsync(HttpClient reporting, string key)
    {
        var file = Path.Combine(HeadlessChromium.ArtifactsFolder, $"review-pack-{key}.html");
        await File.WriteAllTextAsync(file, await reporting.GetStringAsync($"/api/v1/reports/quarterly/{key}.html"));
        var browser = await HeadlessChromium.ScreenshotAsync(file, Path.ChangeExtension(file, ".png"));
        Assert.True(File.Exists(Path.ChangeExtension(file, ".png")), "no screenshot: " + browser);
    }
}
