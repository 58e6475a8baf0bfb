using AiFinOps.Anomaly.Calls.ObservingCalls;
using AiFinOps.Anomaly.Runs.ClosingIdleRuns;
using AiFinOps.Contracts.Messages;
using Microsoft.Extensions.DependencyInjection;

namespace AiFinOps.Anomaly.Tests;

/// <summary>Exactly-once observation and the run and hourly projection against the real PostgreSQL, driving the handler directly.</summary>
public sealed class ObservingCallsTests(AnomalyApp app) : IClassFixture<AnomalyApp>
{
    private ObserveCalls Observe => app.Services.GetRequiredService<ObserveCalls>();

    [Fact]
    public async Task Redelivering_a_batch_observes_each_call_once_and_changes_no_total()
    {
        var workflow = Usages.NewName("wf");
        var batch = Usages.Batch(Usages.Call("search", workflow, "run-1", input: 100, output: 10, cost: 1m),
            Usages.Call("search", workflow, "run-1", input: 200, output: 20, cost: 2m));

        Assert.Equal(2, (await Observe.HandleAsync(batch.BatchId, batch.Usages, default)).Calls);
        var runs = await WatchTablesReader.RunsAsync(app.Schema, workflow);
        var hours = await WatchTablesReader.HoursAsync(app.Schema, workflow);
        Assert.Equal(0, (await Observe.HandleAsync(batch.BatchId, batch.Usages, default)).Calls);

        Assert.Equal(runs, await WatchTablesReader.RunsAsync(app.Schema, workflow));
        Assert.Equal(hours, await WatchTablesReader.HoursAsync(app.Schema, workflow));
        var run = Assert.Single(runs);
        Assert.Equal((2L, 300L, 30L, 3m), (run.Calls, run.InputTokens, run.OutputTokens, run.EffectiveCostUsd));
        Assert.Equal(1, await WatchTablesReader.CountAsync(app.Schema, $"select count(*) from {{schema}}.mt_events where stream_id = 'calls:{batch.BatchId}'"));
    }

    [Fact]
    public async Task Two_concurrent_deliveries_of_overlapping_batches_observe_each_call_once()
    {
        var workflows = new[] { Usages.NewName("wf"), Usages.NewName("wf"), Usages.NewName("wf") };
        var calls = Enumerable.Range(0, 300).Select(i => Usages.Call("search", workflows[i % 3], $"run-{i % 7}", input: 10, cost: 0.5m)).ToArray();
        var batches = Enumerable.Range(0, 6).Select(i => Usages.Batch(calls.Skip(40 * i).Take(100).ToArray())).ToList();

        var observed = await Task.WhenAll(batches.Concat(batches).Select(b => BusRetry.RunAsync(() => Observe.HandleAsync(b.BatchId, b.Usages, default))));

        Assert.Equal(300, observed.Sum(o => o.Calls));
        foreach (var workflow in workflows)
        {
            var runs = await WatchTablesReader.RunsAsync(app.Schema, workflow);
            Assert.Equal((100L, 1_000L, 50m), (runs.Sum(r => r.Calls), runs.Sum(r => r.InputTokens), runs.Sum(r => r.EffectiveCostUsd)));
            Assert.Equal(100L, (await WatchTablesReader.HoursAsync(app.Schema, workflow)).Sum(h => h.Calls));
        }
    }

    [Fact]
    public async Task Hourly_stats_count_calls_tokens_cost_and_the_runs_that_started_in_each_hour()
    {
        var workflow = Usages.NewName("wf");
        var nine = Usages.November14;
        await ObserveAsync(
            Usages.Call("search", workflow, "run-1", input: 100, output: 10, cost: 1m, occurredAt: nine.AddMinutes(58)),
            Usages.Call("search", workflow, "run-1", input: 100, output: 10, cost: 1m, occurredAt: nine.AddMinutes(61)),
            Usages.Call("ads", workflow, occurredAt: nine.AddMinutes(62), input: 5, output: 1, cost: 0.1m));

        Assert.Equal(
            [
                new WatchTablesReader.HourRow(workflow, nine, "search", 1, 1, 100, 10, 1m),
                new WatchTablesReader.HourRow(workflow, nine.AddHours(1), "ads", 1, 1, 5, 1, 0.1m),
                new WatchTablesReader.HourRow(workflow, nine.AddHours(1), "search", 1, 0, 100, 10, 1m),
            ],
            await WatchTablesReader.HoursAsync(app.Schema, workflow));
    }

    [Fact]
    public async Task A_run_closes_once_its_workflow_has_traffic_an_idle_window_after_its_last_call()
    {
        var workflow = Usages.NewName("wf");
        var start = Usages.November14;
        await ObserveAsync(Usages.Call("search", workflow, "run-1", occurredAt: start));
        await ObserveAsync(Usages.Call("search", workflow, "run-2", occurredAt: start.AddMinutes(4)));
        Assert.All(await WatchTablesReader.RunsAsync(app.Schema, workflow), r => Assert.False(r.Closed));

        await ObserveAsync(Usages.Call("search", workflow, "run-3", occurredAt: start.AddMinutes(5).AddSeconds(1)));

        var runs = await WatchTablesReader.RunsAsync(app.Schema, workflow);
        Assert.Equal([("run-1", true), ("run-2", false), ("run-3", false)], runs.Select(r => (r.RunKey, r.Closed)));
    }

    [Fact]
    public async Task The_sweep_closes_runs_idle_at_the_time_it_is_given_and_records_how_many_of_which_workflow()
    {
        var workflow = Usages.NewName("wf");
        var start = new DateTimeOffset(2026, 10, 3, 8, 0, 0, TimeSpan.Zero);
        await ObserveAsync(Usages.Call("search", workflow, "run-1", occurredAt: start),
            Usages.Call("search", workflow, "run-2", occurredAt: start.AddMinutes(3)));

        var closed = await app.Services.GetRequiredService<IdleRuns>().CloseAsync(start.AddMinutes(7), default);

        Assert.Contains(new WorkflowRunsClosed(workflow, 1), closed);
        Assert.Equal([true, false], (await WatchTablesReader.RunsAsync(app.Schema, workflow)).Select(r => r.Closed));
    }

    [Fact]
    public async Task A_late_call_of_a_closed_run_adds_to_it_and_a_call_after_the_idle_window_opens_it_again()
    {
        var workflow = Usages.NewName("wf");
        var start = Usages.November14;
        await ObserveAsync(Usages.Call("search", workflow, "run-1", input: 100, occurredAt: start));
        await ObserveAsync(Usages.Call("search", workflow, "run-2", occurredAt: start.AddMinutes(10)));
        Assert.Equal([("run-1", true), ("run-2", false)], (await WatchTablesReader.RunsAsync(app.Schema, workflow)).Select(r => (r.RunKey, r.Closed)));

        await ObserveAsync(Usages.Call("search", workflow, "run-1", input: 100, occurredAt: start.AddMinutes(1)));
        var late = (await WatchTablesReader.RunsAsync(app.Schema, workflow))[0];
        Assert.Equal((2L, 200L, start.AddMinutes(1), true), (late.Calls, late.InputTokens, late.LastAt, late.Closed));

        await ObserveAsync(Usages.Call("search", workflow, "run-1", input: 100, occurredAt: start.AddMinutes(11)));
        Assert.Equal([("run-1", 3L, false), ("run-2", 1L, false)],
            (await WatchTablesReader.RunsAsync(app.Schema, workflow)).Select(r => (r.RunKey, r.Calls, r.Closed)));
    }

    [Fact]
    public async Task The_sweep_at_a_time_before_what_traffic_already_closed_closes_nothing_and_opens_nothing()
    {
        var workflow = Usages.NewName("wf");
        var start = new DateTimeOffset(2026, 10, 4, 8, 0, 0, TimeSpan.Zero);
        await ObserveAsync(Usages.Call("search", workflow, "run-1", occurredAt: start),
            Usages.Call("search", workflow, "run-2", occurredAt: start.AddMinutes(5)),
            Usages.Call("search", workflow, "run-3", occurredAt: start.AddMinutes(9)));

        var closed = await app.Services.GetRequiredService<IdleRuns>().CloseAsync(start.AddMinutes(6), default);

        Assert.DoesNotContain(closed, r => r.Workflow == workflow);
        Assert.Equal([true, false, false], (await WatchTablesReader.RunsAsync(app.Schema, workflow)).Select(r => r.Closed));
    }

    private Task<CallsObservation> ObserveAsync(params PricedUsage[] usages)
    {
        var batch = Usages.Batch(usages);
        return Observe.HandleAsync(batch.BatchId, batch.Usages, default);
    }
}
