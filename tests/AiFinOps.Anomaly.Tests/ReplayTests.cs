using System.Net;
using System.Net.Http.Json;
using AiFinOps.Anomaly.Calls.ObservingCalls;
using AiFinOps.Anomaly.Detections;
using AiFinOps.Anomaly.Rebuilding;
using AiFinOps.Anomaly.Runs.ClosingIdleRuns;
using AiFinOps.Anomaly.Tests.Scenarios;
using AiFinOps.Anomaly.Watching;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace AiFinOps.Anomaly.Tests;

/// <summary>Runs, baselines and detections are state rebuilt from the stored events: a rebuild gives the same.</summary>
public sealed class ReplayTests(AnomalyApp app) : IClassFixture<AnomalyApp>
{
    private static readonly DateTimeOffset Start = new(2026, 11, 5, 0, 0, 0, TimeSpan.Zero);
    private readonly Scenario scenario = new(app);

    [Fact]
    public async Task Rebuilding_from_the_events_gives_the_same_runs_baselines_and_detections()
    {
        var traffic = new Traffic(seed: 61);
        var busy = new WorkflowProfile(Usages.NewName("wf"), Usages.NewName("team"), 30, 3, 5, 1_200, 300);
        var learning = new WorkflowProfile(Usages.NewName("wf"), Usages.NewName("team"), 12, 2, 4, 2_000, 500);
        var shadow = new WorkflowProfile(Usages.NewName("wf"), Usages.NewName("team"), 10, 2, 3, 800, 200);
        var chatty = new WorkflowProfile(Usages.NewName("wf"), Usages.NewName("team"), 40, 2, 3, 1_000, 300);
        await scenario.RegisterFullyAsync(busy);
        await scenario.RegisterAsync(learning, 500m);
        await scenario.RegisterFullyAsync(chatty);

        await scenario.FeedAsync(traffic.Generate(Start, Start.AddHours(26), busy, learning, shadow, chatty));
        // The shadow workflow stops here: only the sweep closes its last runs, and a replay must close them too.
        Assert.Contains(await app.Services.GetRequiredService<IdleRuns>().CloseAsync(Start.AddHours(26).AddMinutes(10), default),
            r => r.Workflow == shadow.Name);
        // The registry changes between batches: a replay must judge each batch by the registration it met.
        using (var amended = await app.ClientWithKey(TestApiKeys.Admin).PutAsJsonAsync($"/api/v1/workflows/{busy.Name}", new
        {
            ownerTeam = busy.Team,
            estimatedMonthlyCostUsd = 1_000m,
            expectedTokensPerRun = (long)(busy.TokensPerRun / 2.2),
        }))
        {
            amended.EnsureSuccessStatusCode();
        }
        await scenario.FeedAsync([
            .. traffic.Generate(Start.AddHours(26), Start.AddHours(28), busy with { RunsPerHour = 150 }, learning, chatty with { OutputTokens = 600 }),
            .. traffic.Run(learning, Start.AddHours(28), calls: 4, scale: 3),
        ]);
        await scenario.FeedAsync(traffic.Generate(Start.AddHours(28).AddMinutes(5), Start.AddHours(30), busy, learning, chatty));

        var kinds = new List<string>();
        foreach (var w in new[] { busy, learning, shadow, chatty }) kinds.AddRange((await scenario.IncidentsAsync(w.Name)).Select(i => i.Kind));
        Assert.Equal([AnomalyKinds.OutputShift, AnomalyKinds.TokenSpike, AnomalyKinds.TokenSpike, AnomalyKinds.UnregisteredWorkflow, AnomalyKinds.VolumeSpike],
            kinds.Order());
        var before = await DumpAsync();

        using var started = await app.ClientWithKey(TestApiKeys.Admin).PostAsync("/api/v1/anomalies/rebuild", null);
        var progress = await Eventually.MatchesAsync(
            () => app.ClientWithKey(TestApiKeys.Admin).GetFromJsonAsync<RebuildProgress>("/api/v1/anomalies/rebuild"),
            p => p!.State != RebuildProgress.Running, timeoutSeconds: 120);

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal(RebuildProgress.Succeeded, progress!.State);
        Assert.Empty(progress.Differences);
        Assert.True(progress.SameDetections);
        Assert.True(progress.DetectionsStored > kinds.Count, "the busy workflow's amended expectation made many spikes join one incident");
        Assert.Equal(progress.EventsTotal, progress.EventsDone);
        var after = await DumpAsync();
        foreach (var table in WatchTables.All) Assert.Equal(before[table], after[table]);
    }

    [Fact]
    public async Task A_sweep_recorded_run_by_run_by_an_earlier_version_closes_those_runs_workflows_on_rebuild()
    {
        var workflow = Usages.NewName("wf");
        var at = new DateTimeOffset(2026, 9, 2, 8, 0, 0, TimeSpan.Zero);
        var batch = Usages.Batch(Usages.Call("search", workflow, "run-1", occurredAt: at), Usages.Call("search", workflow, "run-2", occurredAt: at.AddMinutes(2)));
        await app.Services.GetRequiredService<ObserveCalls>().HandleAsync(batch.BatchId, batch.Usages, default);
        await using (var session = app.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            session.Events.StartStream(IdleRunsClosed.StreamKey(Guid.NewGuid()),
                new IdleRunsClosed(at.AddMinutes(1), Workflows: null, Runs: [new RunIdentity(workflow, "search", "run-1")]));
            await session.SaveChangesAsync();
        }

        using var started = await app.ClientWithKey(TestApiKeys.Admin).PostAsync("/api/v1/anomalies/rebuild", null);
        var progress = await Eventually.MatchesAsync(
            () => app.ClientWithKey(TestApiKeys.Admin).GetFromJsonAsync<RebuildProgress>("/api/v1/anomalies/rebuild"),
            p => p!.State != RebuildProgress.Running, timeoutSeconds: 120);

        Assert.Equal(RebuildProgress.Succeeded, progress!.State);
        Assert.Equal([("run-1", true), ("run-2", false)], (await WatchTablesReader.RunsAsync(app.Schema, workflow)).Select(r => (r.RunKey, r.Closed)));
    }

    private async Task<Dictionary<string, IReadOnlyList<string>>> DumpAsync()
    {
        var tables = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var table in WatchTables.All) tables[table] = await WatchTablesReader.DumpAsync(app.Schema, table);
        Assert.NotEmpty(tables[WatchTables.Runs]);
        return tables;
    }
}
