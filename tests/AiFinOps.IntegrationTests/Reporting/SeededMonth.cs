using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using AiFinOps.IntegrationTests.Infrastructure;
using static AiFinOps.IntegrationTests.Reporting.Seeding;

namespace AiFinOps.IntegrationTests.Reporting;

/// <summary>
/// Last month and the month before, seeded once: two teams, workflows on several models and environments, cost-centre
/// tags, an untagged and an unpriced call, outcomes for one workflow; waited for until allocation and reporting have it all.
/// </summary>
public sealed class SeededMonth : IAsyncLifetime
{
    public ReportingSystem System { get; } = new();

    public DateTimeOffset Month { get; } = MonthStart(1);

    public string MonthKey => Month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        await System.InitializeAsync();
        var (month, before) = (Month, Month.AddMonths(-1));
        var calls = new[]
        {
            Enumerable.Range(0, 5).Select(i => Call(month.AddDays(2 + i).AddHours(i), "search", "triage", "gpt-4o-mini", costCentre: "CC-100")),
            Enumerable.Range(0, 3).Select(i => Call(month.AddDays(9).AddHours(i), "search", "triage", "claude-sonnet-4", "anthropic", "dev", input: 4_000)),
            Enumerable.Range(0, 4).Select(i => Call(month.AddDays(12 + i), "growth", "emails", "gpt-4o", output: 800, costCentre: "CC-200")),
            [Call(month.AddDays(14), "", "", "gpt-4o-mini")],
            [Call(month.AddDays(15), "growth", "emails", "unknown-model-x", "acme")],
            Enumerable.Range(0, 2).Select(i => Call(before.AddDays(3 + i), "search", "triage", "gpt-4o-mini", costCentre: "CC-100")),
            [Call(before.AddDays(20), "growth", "emails", "gpt-4o")],
        }.SelectMany(c => c).ToList();
        await RecordAsync(System, calls);
        await RecordAsync(System, [Outcome(month.AddDays(3), "search", "triage", "ticket", 8), Outcome(month.AddDays(10), "search", "triage", "ticket", 2),
            Outcome(before.AddDays(4), "search", "triage", "ticket", 4)]);

        using var allocation = System.Client(System.Allocation);
        await Eventually.Until(() => allocation.GetFromJsonAsync<JsonElement>($"/api/v1/spend?from={before:yyyy-MM-dd}&to={month.AddMonths(1).AddDays(-1):yyyy-MM-dd}&groupBy=team"),
            s => s.GetProperty("totals").GetProperty("events").GetInt64() == calls.Count, "allocation booked every call");
        using var reporting = System.Client(System.Reporting);
        await Eventually.Until(() => reporting.GetFromJsonAsync<JsonElement>($"/api/v1/reports/outcomes?from={before:yyyy-MM-dd}&to={month.AddMonths(1).AddDays(-1):yyyy-MM-dd}"),
            o => o.GetProperty("workflows").EnumerateArray().Sum(w => w.GetProperty("outcomes").GetInt64()) == 3, "reporting recorded the outcomes");
    }

    public Task DisposeAsync() => System.DisposeAsync();
}
