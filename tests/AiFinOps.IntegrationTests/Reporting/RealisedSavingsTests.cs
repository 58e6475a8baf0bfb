using System.Net.Http.Json;
using System.Text.Json;
using AiFinOps.IntegrationTests.Infrastructure;
using static AiFinOps.IntegrationTests.Reporting.Seeding;

namespace AiFinOps.IntegrationTests.Reporting;

/// <summary>
/// A review decides a model switch; the monthly report after it shows the saving it realised: the unit cost in the
/// reviewed quarter against the month's, on the month's units.
/// </summary>
public sealed class RealisedSavingsTests(ReportingSystem system) : IClassFixture<ReportingSystem>
{
    [Fact]
    public async Task The_monthly_report_after_a_review_shows_the_unit_cost_before_and_after_the_decided_switch_and_the_saving()
    {
        // Two quarters back, and the first month of the quarter after it: wholly past, inside ingest's horizon here.
        var now = DateTimeOffset.UtcNow;
        var reviewed = new DateTimeOffset(now.Year, (now.Month - 1) / 3 * 3 + 1, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-6);
        var quarter = $"{reviewed:yyyy}-Q{(reviewed.Month - 1) / 3 + 1}";
        var after = reviewed.AddMonths(3);
        using var ingest = system.Client(system.Ingest);
        foreach (var (model, input, output) in new[] { ("big", 10m, 30m), ("small", 0.01m, 0.02m) })
        {
            using var priced = await ingest.PostAsJsonAsync("/api/v1/prices", new
            {
                provider = "acme",
                model,
                effectiveFrom = "2025-01-01",
                source = "https://acme.test/pricing",
                checkedOn = "2025-01-01",
                tiers = new { standard = new { rates = new { input, output } } },
            });
            Assert.True(priced.IsSuccessStatusCode, await priced.Content.ReadAsStringAsync());
        }
        // Reviewed quarter: 100 translations on the big model, $0.115 each. The month after: 100 on the small one, $0.00011 each.
        await RecordAsync(system, Enumerable.Range(0, 100).Select(i => Call(reviewed.AddDays(i % 80), "docs", "translator", "big", "acme", input: 10_000, output: 500))
            .Concat(Enumerable.Range(0, 100).Select(i => Call(after.AddDays(i % 25), "docs", "translator", "small", "acme", input: 10_000, output: 500))));
        await RecordAsync(system, [Outcome(reviewed.AddDays(5), "docs", "translator", "document", 100), Outcome(after.AddDays(5), "docs", "translator", "document", 100)]);
        using var allocation = system.Client(system.Allocation);
        await Eventually.Until(() => allocation.GetFromJsonAsync<JsonElement>($"/api/v1/spend?from={reviewed:yyyy-MM-dd}&to={after.AddMonths(1).AddDays(-1):yyyy-MM-dd}&groupBy=team"),
            s => s.GetProperty("totals").GetProperty("events").GetInt64() == 200, "allocation booked the calls");
        using var reporting = system.Client(system.Reporting);
        await Eventually.Until(() => reporting.GetFromJsonAsync<JsonElement>($"/api/v1/reports/outcomes?from={reviewed:yyyy-MM-dd}&to={after.AddMonths(1).AddDays(-1):yyyy-MM-dd}"),
            o => o.GetProperty("workflows").EnumerateArray().Sum(w => w.GetProperty("outcomes").GetInt64()) == 2, "reporting recorded the outcomes");

        using var decided = await reporting.PostAsJsonAsync($"/api/v1/reports/reviews/{quarter}/decisions",
            new { workflow = "translator", change = "model-switch", description = "acme/big → acme/small", expectedMonthlySavingUsd = 11m });
        Assert.Equal(System.Net.HttpStatusCode.Created, decided.StatusCode);
        using var run = await reporting.PostAsync($"/api/v1/reports/monthly/{after:yyyy-MM}", null);
        Assert.True(run.IsSuccessStatusCode, await run.Content.ReadAsStringAsync());
        var report = (await reporting.GetFromJsonAsync<JsonElement>($"/api/v1/reports/monthly/{after:yyyy-MM}")).GetProperty("report");

        var saving = Assert.Single(report.GetProperty("realisedSavings").EnumerateArray(), s => s.GetProperty("workflow").GetString() == "translator");
        Assert.Equal((quarter, "model-switch", "document", 11m), (saving.GetProperty("quarter").GetString(), saving.GetProperty("change").GetString(),
            saving.GetProperty("unit").GetString(), saving.GetProperty("expectedMonthlySavingUsd").GetDecimal()));
        Assert.Equal((0.115m, 0.00011m, 11.49m), (saving.GetProperty("unitCostBeforeUsd").GetDecimal(), saving.GetProperty("unitCostAfterUsd").GetDecimal(),
            saving.GetProperty("realisedSavingUsd").GetDecimal()));
    }
}
