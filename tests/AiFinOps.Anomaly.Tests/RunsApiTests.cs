using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiFinOps.Anomaly.Runs.GettingRuns;
using AiFinOps.Anomaly.Workflows.GettingActivity;
using AiFinOps.ServiceDefaults.Queries;

namespace AiFinOps.Anomaly.Tests;

/// <summary>Calls published on the real bus, read back as runs and workflow activity through the REST API.</summary>
public sealed class RunsApiTests(AnomalyApp app) : IClassFixture<AnomalyApp>
{
    private const string November = "from=2026-11-01&to=2026-11-30";

    [Fact]
    public async Task Calls_sharing_a_run_id_are_read_as_one_run_and_calls_without_one_as_runs_of_their_own()
    {
        var (team, workflow) = (Usages.NewName("team"), Usages.NewName("wf"));
        var start = Usages.November14;
        var lone = Usages.Call(team, workflow, input: 50, output: 5, cost: 0.5m, occurredAt: start.AddHours(2));
        await app.PublishAsync(Usages.Batch(
            Usages.Call(team, workflow, "run-a", input: 100, output: 10, cost: 1m, occurredAt: start),
            Usages.Call(team, workflow, "run-a", input: 200, output: 20, cost: 2m, occurredAt: start.AddMinutes(1)),
            Usages.Call(team, workflow, "run-a", input: 300, output: 30, cost: 3m, occurredAt: start.AddMinutes(5)),
            lone,
            Usages.Call(team, workflow, occurredAt: start.AddHours(3))));

        var runs = await Eventually.MatchesAsync(() => Runs(TestApiKeys.Reader, $"workflow={workflow}&{November}"), r => r.Count == 3);

        Assert.Equal(3, runs.Count);
        // The workflow's call three hours in closed both: neither had a call for the idle window before it. That one is open.
        Assert.Equal(new WorkflowRun("run-a", team, workflow, 3, 600, 60, 6m, start, start.AddMinutes(5), Closed: true, TokenSpike: false),
            runs.Single(r => r.Run == "run-a"));
        Assert.Equal(new WorkflowRun($"call-{lone.EventId}", team, workflow, 1, 50, 5, 0.5m, lone.OccurredAt, lone.OccurredAt, true, false),
            runs.Single(r => r.Run == $"call-{lone.EventId}"));
        Assert.False(runs[0].Closed);
        Assert.Equal(runs.OrderByDescending(r => r.LastSeen).Select(r => r.Run), runs.Select(r => r.Run));
    }

    [Fact]
    public async Task Workflow_activity_counts_calls_runs_tokens_and_cost_per_workflow()
    {
        var team = Usages.NewName("team");
        var (busy, quiet) = (Usages.NewName("wf"), Usages.NewName("wf"));
        await app.PublishAsync(Usages.Batch(
            Usages.Call(team, busy, "run-1", input: 100, output: 10, cost: 1m),
            Usages.Call(team, busy, "run-1", input: 100, output: 10, cost: 1m),
            Usages.Call(team, busy, "run-2", input: 100, output: 10, cost: 1m),
            Usages.Call(team, quiet, input: 7, output: 3, cost: 0.25m),
            Usages.Call(team, quiet, input: 7, output: 3, cost: 0.25m, occurredAt: new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero))));

        var activity = await Eventually.MatchesAsync(
            () => Activity(TestApiKeys.ReaderOf(team), November), a => a.Sum(w => w.Calls) == 4);

        Assert.Equal(
            [new WorkflowActivity(busy, 3, 2, 300, 30, 3m), new WorkflowActivity(quiet, 1, 1, 7, 3, 0.25m)],
            activity.OrderBy(w => w.Workflow == busy ? 0 : 1));
    }

    [Fact]
    public async Task Overlapping_batches_delivered_at_once_observe_every_call_once()
    {
        var (team, workflow) = (Usages.NewName("team"), Usages.NewName("wf"));
        var calls = Enumerable.Range(0, 60).Select(_ => Usages.Call(team, workflow, "run-1", input: 10, cost: 1m)).ToArray();

        // Batch i holds calls 5i..5i+14: every call is in up to three batches racing each other. A batch that loses
        // a race on one call must still record its others (the retry does), or they would be lost.
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => app.PublishAsync(Usages.Batch(calls.Skip(5 * i).Take(15).ToArray()))));
        await Eventually.MatchesAsync(() => Runs(TestApiKeys.Reader, $"workflow={workflow}&{November}"), r => r.SingleOrDefault()?.Calls == 60);
        await Task.Delay(1000);

        var run = Assert.Single(await Runs(TestApiKeys.Reader, $"workflow={workflow}&{November}"));
        Assert.Equal((60, 600, 60m), (run.Calls, run.InputTokens, run.EffectiveCostUsd));
    }

    [Fact]
    public async Task A_team_restricted_key_sees_only_its_own_team()
    {
        var (mine, theirs, workflow) = (Usages.NewName("team"), Usages.NewName("team"), Usages.NewName("wf"));
        await app.PublishAsync(Usages.Batch(Usages.Call(mine, workflow, "run-1"), Usages.Call(theirs, workflow, "run-1")));
        await Eventually.MatchesAsync(() => Runs(TestApiKeys.Reader, $"workflow={workflow}&{November}"), r => r.Count == 2);

        var runs = await Runs(TestApiKeys.ReaderOf(mine), $"workflow={workflow}&{November}");
        var activity = await Activity(TestApiKeys.ReaderOf(mine), November);
        using var forbidden = await app.ClientWithKey(TestApiKeys.ReaderOf(mine)).GetAsync($"/api/v1/runs?team={theirs}&{November}");

        Assert.Equal([mine], runs.Select(r => r.Team));
        Assert.Equal(1, activity.Single(w => w.Workflow == workflow).Calls);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task Redelivering_a_batch_through_the_bus_changes_nothing()
    {
        var (team, workflow) = (Usages.NewName("team"), Usages.NewName("wf"));
        var batch = Usages.Batch(Usages.Call(team, workflow, "run-1", input: 10), Usages.Call(team, workflow, "run-1", input: 20));

        await Task.WhenAll(app.PublishAsync(batch), app.PublishAsync(batch), app.PublishAsync(batch));
        // A later call of the same workflow: once it shows, the redeliveries before it have had their turn.
        await app.PublishAsync(Usages.Batch(Usages.Call(team, workflow, "run-2", input: 1)));
        await Eventually.MatchesAsync(() => Runs(TestApiKeys.Reader, $"workflow={workflow}&{November}"), r => r.Count == 2);
        await Task.Delay(1000);

        var run = (await Runs(TestApiKeys.Reader, $"workflow={workflow}&{November}")).Single(r => r.Run == "run-1");
        Assert.Equal((2, 30), (run.Calls, run.InputTokens));
    }

    [Fact]
    public async Task Reads_cover_the_last_seven_days_unless_told_otherwise_and_a_date_to_covers_that_whole_day()
    {
        var lastWeek = await app.ClientWithKey(TestApiKeys.Reader).GetFromJsonAsync<WorkflowsActivity>("/api/v1/workflows/activity");
        var november = await app.ClientWithKey(TestApiKeys.Reader).GetFromJsonAsync<WorkflowRuns>($"/api/v1/runs?{November}");

        Assert.Equal(TimeSpan.FromDays(7), lastWeek!.To - lastWeek.From);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), november!.From);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), november.To);
    }

    [Theory]
    [InlineData("/api/v1/runs?from=last-week", "from")]
    [InlineData("/api/v1/runs?to=2026-11-31", "to")]
    [InlineData("/api/v1/runs?limit=0", "limit")]
    [InlineData("/api/v1/runs?to=2026-11-01T00:00:00", "to")]
    [InlineData("/api/v1/workflows/activity?from=2026-12-01&to=2026-11-01", "to")]
    public async Task Malformed_query_parameters_are_400_problems_naming_the_parameter(string path, string parameter)
    {
        using var response = await app.ClientWithKey(TestApiKeys.Reader).GetAsync(path);

        await ServiceAssert.ValidationProblemAsync(response, parameter);
    }

    [Theory]
    [InlineData("/api/v1/runs", null, HttpStatusCode.Unauthorized)]
    [InlineData("/api/v1/runs", TestApiKeys.Ingest, HttpStatusCode.Forbidden)]
    [InlineData("/api/v1/workflows/activity", null, HttpStatusCode.Unauthorized)]
    [InlineData("/api/v1/workflows/activity", TestApiKeys.Ingest, HttpStatusCode.Forbidden)]
    public async Task Reads_need_a_key_with_read_scope(string path, string? key, HttpStatusCode expected)
    {
        using var response = await app.ClientWithKey(key).GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public Task Health_is_ready_when_postgres_and_the_bus_are() => ServiceAssert.ReadyWithPostgresAndBusAsync(app);

    [Fact]
    public async Task The_openapi_document_describes_both_reads_and_their_time_range()
    {
        var paths = (await app.ClientWithKey(null).GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("paths");

        foreach (var path in new[] { "/api/v1/runs", "/api/v1/workflows/activity" })
        {
            Assert.StartsWith(TimeRange.Describe("the last 7 days"), paths.GetProperty(path).GetProperty("get").GetProperty("description").GetString());
        }
    }

    private async Task<IReadOnlyList<WorkflowRun>> Runs(string key, string query) =>
        (await app.ClientWithKey(key).GetFromJsonAsync<WorkflowRuns>($"/api/v1/runs?{query}"))!.Runs;

    private async Task<IReadOnlyList<WorkflowActivity>> Activity(string key, string query) =>
        (await app.ClientWithKey(key).GetFromJsonAsync<WorkflowsActivity>($"/api/v1/workflows/activity?{query}"))!.Workflows;
}
