using System.Diagnostics;
using System.Net.Http.Json;
using AiFinOps.Anomaly.Incidents;
using Xunit.Abstractions;

namespace AiFinOps.Anomaly.Tests.Scenarios;

/// <summary>The false-positive test: a steady month of normal traffic raises no alert, and the test prints its rates.</summary>
public sealed class SteadyMonthTests(AnomalyApp app, ITestOutputHelper output) : IClassFixture<AnomalyApp>
{
    private static readonly DateTimeOffset June = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly Scenario scenario = new(app);

    [Fact]
    public async Task A_steady_month_of_normal_traffic_raises_no_alert()
    {
        // Three workflows as a registry would know them: one with every expectation, one that lets the service learn its
        // tokens per run, one of single calls. Their runs, calls and tokens vary as real traffic does, never anomalously.
        WorkflowProfile[] workflows =
        [
            new(Usages.NewName("triage"), Usages.NewName("team"), RunsPerHour: 40, MinCallsPerRun: 3, MaxCallsPerRun: 5, InputTokens: 1_500, OutputTokens: 300),
            new(Usages.NewName("enrich"), Usages.NewName("team"), RunsPerHour: 15, MinCallsPerRun: 4, MaxCallsPerRun: 5, InputTokens: 2_000, OutputTokens: 500),
            new(Usages.NewName("summarise"), Usages.NewName("team"), RunsPerHour: 10, MinCallsPerRun: 1, MaxCallsPerRun: 1, InputTokens: 4_000, OutputTokens: 800, WithRunIds: false),
        ];
        await scenario.RegisterFullyAsync(workflows[0]);
        await scenario.RegisterAsync(workflows[1], Math.Round(workflows[1].UsdPerDay * 30 * 1.5m, 2));
        await scenario.RegisterFullyAsync(workflows[2]);
        var calls = new Traffic(seed: 71).Generate(June, June.AddMonths(1), workflows);

        var clock = Stopwatch.StartNew();
        var observed = await scenario.FeedAsync(calls);
        clock.Stop();

        var incidents = new List<IncidentView>();
        foreach (var w in workflows) incidents.AddRange(await scenario.IncidentsAsync(w.Name));
        var runs = await WatchTablesReader.RunsAsync(app.Schema);
        output.WriteLine($"Steady month: {calls.Count:N0} calls in {observed.Count} batches of up to 500, {runs.Count:N0} runs " +
            $"({runs.Count(r => r.Closed):N0} closed), observed in {clock.Elapsed.TotalSeconds:N1} s = {calls.Count / clock.Elapsed.TotalSeconds:N0} calls/s " +
            $"({observed.Count / clock.Elapsed.TotalSeconds:N1} batches/s); detections {observed.Sum(o => o.Detections)}, alerts {observed.Sum(o => o.Alerts)}.");
        foreach (var i in incidents) output.WriteLine($"  unexpected: {i.Kind} {i.Workflow} {i.Period}: {i.Explanation}");

        Assert.Equal(calls.Count, observed.Sum(o => o.Calls));
        Assert.Empty(incidents);
        Assert.Equal(0, observed.Sum(o => o.Detections));
        Assert.InRange(runs.Count, 45_000, 55_000);
        var pending = await app.ClientWithKey(TestApiKeys.Reader).GetFromJsonAsync<AnomalyHistory>("/api/v1/anomalies?from=2026-06-01&to=2026-06-30");
        Assert.Empty(pending!.Incidents);
    }
}
