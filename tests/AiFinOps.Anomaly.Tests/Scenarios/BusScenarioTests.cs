using AiFinOps.Anomaly.Detections;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AiFinOps.Anomaly.Tests.Scenarios;

/// <summary>Traffic through the real RabbitMQ: the exact threshold, redeliveries and competing consumers.</summary>
public sealed class BusScenarioTests(AnomalyApp app) : IClassFixture<AnomalyApp>
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private readonly Scenario scenario = new(app);

    [Fact]
    public async Task A_run_at_2_1_times_the_expected_tokens_alerts_and_one_at_1_9_times_does_not()
    {
        await using var listener = await AlertListener.StartAsync(app.MessagingPrefix);
        var w = new WorkflowProfile(Usages.NewName("wf"), Usages.NewName("team"), 10, 2, 2, 4_000, 1_000);
        await scenario.RegisterAsync(w, estimatedMonthlyCostUsd: 1_000m, expectedTokensPerRun: 10_000);
        var traffic = new Traffic(seed: 31);
        var over = new[] { traffic.Call(w, Start, "run-over", 8_400, 2_100), traffic.Call(w, Start.AddSeconds(9), "run-over", 8_400, 2_100) };
        var under = new[] { traffic.Call(w, Start, "run-under", 7_600, 1_900), traffic.Call(w, Start.AddSeconds(9), "run-under", 7_600, 1_900) };

        await app.PublishAsync(Usages.Batch([.. over, .. under]));

        var alert = Assert.Single(await scenario.AlertsAsync(listener, w.Name, expected: 1));
        Assert.Equal((AnomalyKinds.TokenSpike, "run-over", "21000", "2.1"), (alert.Kind, alert.Facts["runId"], alert.Facts["tokens"], alert.Facts["timesExpected"]));
        // Both runs were decided in the one transaction that raised this alert: the 1.9× run raised nothing.
        Assert.Equal(["run-over"], (await scenario.IncidentsAsync(w.Name)).Select(i => i.Facts["runId"]));
        var runs = await WatchTablesReader.RunsAsync(app.Schema, w.Name);
        Assert.Equal([("run-over", 21_000L, true), ("run-under", 19_000L, false)], runs.Select(r => (r.RunKey, r.InputTokens + r.OutputTokens, r.TokenSpike)));
    }

    [Fact]
    public async Task Redelivered_batches_change_nothing_and_raise_nothing_twice()
    {
        await using var listener = await AlertListener.StartAsync(app.MessagingPrefix);
        var w = new WorkflowProfile(Usages.NewName("wf"), Usages.NewName("team"), 30, 2, 3, 1_000, 200);
        await scenario.RegisterAsync(w, estimatedMonthlyCostUsd: null, expectedTokensPerRun: 3_000);
        var traffic = new Traffic(seed: 32);
        var batches = Traffic.Batches([.. traffic.Generate(Start, Start.AddHours(1), w), .. traffic.Run(w, Start.AddHours(1), 20)], 50).ToList();

        foreach (var batch in batches) await app.PublishAsync(batch);
        var alerts = await scenario.AlertsAsync(listener, w.Name, expected: 2);
        var calls = batches.Sum(b => b.Usages.Count);
        await Eventually.MatchesAsync(() => WatchTablesReader.RunsAsync(app.Schema, w.Name), r => r.Sum(x => x.Calls) == calls);
        var runs = await WatchTablesReader.RunsAsync(app.Schema, w.Name);
        var hours = await WatchTablesReader.HoursAsync(app.Schema, w.Name);

        await Task.WhenAll(batches.Concat(batches).Select(b => app.PublishAsync(b)));
        // A later call of the same workflow: once it shows, the redeliveries published before it have had their turn.
        var marker = traffic.Call(w, Start.AddHours(2), "", 1, 1);
        await app.PublishAsync(Usages.Batch(marker));
        await Eventually.MatchesAsync(() => WatchTablesReader.RunsAsync(app.Schema, w.Name), r => r.Sum(x => x.Calls) == calls + 1);

        // Only the marker's run is new, and its traffic may have closed runs that were open: nothing else differs.
        Assert.Equal(runs.Select(r => r with { Closed = false }),
            (await WatchTablesReader.RunsAsync(app.Schema, w.Name)).Where(r => r.RunKey != $"call-{marker.EventId}").Select(r => r with { Closed = false }));
        Assert.Equal(calls, (await WatchTablesReader.HoursAsync(app.Schema, w.Name)).Where(h => h.Hour < Start.AddHours(2)).Sum(h => h.Calls));
        Assert.Equal(hours, (await WatchTablesReader.HoursAsync(app.Schema, w.Name)).Where(h => h.Hour < Start.AddHours(2)));
        Assert.Equal([AnomalyKinds.TokenSpike, AnomalyKinds.UnregisteredWorkflow], (await scenario.IncidentsAsync(w.Name)).Select(i => i.Kind).Order());
        Assert.Equal(2, alerts.Count);
        Assert.Equal(alerts.Select(a => a.AlertId).Order(), listener.Of(w.Name).Select(a => a.AlertId).Order());
    }

    [Fact]
    public async Task Two_service_instances_consuming_in_parallel_raise_each_alert_once()
    {
        await using var listener = await AlertListener.StartAsync(app.MessagingPrefix);
        // A second host of the same service: the same schema and queues, so the two compete for every message.
        await using var second = app.WithWebHostBuilder(_ => { });
        _ = second.Server;
        var traffic = new Traffic(seed: 33);
        var workflows = Enumerable.Range(0, 4)
            .Select(_ => new WorkflowProfile(Usages.NewName("wf"), Usages.NewName("team"), 20, 2, 3, 1_000, 200)).ToList();
        foreach (var w in workflows) await scenario.RegisterAsync(w, 1_000m, expectedTokensPerRun: 3_000);
        var calls = workflows.SelectMany(w => traffic.Generate(Start, Start.AddHours(1), w).Concat(traffic.Run(w, Start.AddMinutes(30), 12))).ToList();
        // Overlapping batches, each published twice: every call reaches both instances' consumers at least twice.
        var batches = Enumerable.Range(0, (calls.Count + 19) / 20).Select(i => Usages.Batch(calls.Skip(20 * i).Take(40).ToArray())).ToList();

        await Task.WhenAll(batches.Concat(batches).Select(b => app.PublishAsync(b)));

        foreach (var w in workflows)
        {
            var expectedCalls = calls.Count(c => c.Workflow == w.Name);
            await Eventually.MatchesAsync(() => WatchTablesReader.RunsAsync(app.Schema, w.Name), r => r.Sum(x => x.Calls) == expectedCalls, timeoutSeconds: 60);
        }
        var incidents = new List<Incidents.IncidentView>();
        foreach (var w in workflows) incidents.AddRange(await scenario.IncidentsAsync(w.Name));
        Assert.Equal(workflows.Count, incidents.Count(i => i.Kind == AnomalyKinds.TokenSpike));
        foreach (var w in workflows)
        {
            var runs = await WatchTablesReader.RunsAsync(app.Schema, w.Name);
            Assert.Equal(calls.Where(c => c.Workflow == w.Name).Sum(c => c.InputTokens + c.OutputTokens), runs.Sum(r => r.InputTokens + r.OutputTokens));
            await scenario.AlertsAsync(listener, w.Name, expected: (await scenario.IncidentsAsync(w.Name)).Count);
        }
        await Task.Delay(1000);
        Assert.Equal(incidents.Select(i => i.Id).Order(), listener.Received.Select(r => r.Alert).Where(a => workflows.Any(w => a.Scope == $"workflow:{w.Name}")).Select(a => a.AlertId).Order());
    }
}
