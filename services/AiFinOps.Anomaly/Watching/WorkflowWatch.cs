using AiFinOps.Anomaly.Calls;
using AiFinOps.Anomaly.Detections;
using AiFinOps.Anomaly.Detections.OutputShifts;
using AiFinOps.Anomaly.Detections.Pace;
using AiFinOps.Anomaly.Detections.TokenSpikes;
using AiFinOps.Anomaly.Detections.Unregistered;
using AiFinOps.Anomaly.Detections.VolumeSpikes;
using AiFinOps.Anomaly.Workflows;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiFinOps.Anomaly.Watching;

/// <summary>
/// Folds a batch of newly observed calls into runs, hourly and monthly stats, and decides what they reveal, inside the
/// caller's transaction, which holds the batch's workflow rows (<see cref="WatchStore.LockWorkflowsAsync"/>). Every
/// decision is a pure rule over the tables' state, the registration in force and event time, so consuming and
/// rebuilding (which replays the stored events in order) run this same code and decide the same.
/// </summary>
public sealed class WorkflowWatch(WatchStore store, IOptions<AnomalyOptions> configured)
{
    private AnomalyOptions Options => configured.Value;

    public async Task<IReadOnlyList<IAnomalyDetection>> FoldAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<ObservedCall> calls, IReadOnlyDictionary<string, WatchState> states, IReadOnlyDictionary<string, Workflow> registry,
        CancellationToken ct)
    {
        var byWorkflow = calls.GroupBy(c => c.Workflow).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var latest = byWorkflow.ToDictionary(g => g.Key, g => g.Max(c => c.OccurredAt), StringComparer.Ordinal);
        var teams = byWorkflow.ToDictionary(g => g.Key, g => TeamOf(g.Key, registry, g), StringComparer.Ordinal);
        // The batch's latest call closes its workflow's runs idle for the window before it: the watermark moves, no run is written.
        var changed = new Dictionary<string, WatchState>(StringComparer.Ordinal);
        foreach (var (workflow, at) in latest)
        {
            var state = states[workflow].CloseRunsBefore(at - Options.Runs.IdleWindow);
            if (state != states[workflow]) changed[workflow] = state;
        }
        var current = states.ToDictionary(s => s.Key, s => changed.GetValueOrDefault(s.Key) ?? s.Value, StringComparer.Ordinal);

        var runs = await store.AddToRunsAsync(connection, transaction, RunDelta.Of(calls), current, ct);
        await store.AddToHourlyAsync(connection, transaction, HourlyDeltas(calls, runs), ct);
        var months = await store.AddToMonthlyAsync(connection, transaction, calls
            .GroupBy(c => (c.Workflow, Month: Figures.Month(c.OccurredAt)))
            .Select(g => new MonthlyDelta(g.Key.Workflow, g.Key.Month, g.LongCount(), g.Sum(c => c.EffectiveCostUsd)))
            .ToList(), ct);

        var detections = new List<IAnomalyDetection>();
        detections.AddRange(await TokenSpikesAsync(connection, transaction, runs.Select(r => r.Run).ToList(), current, registry, ct));

        var hours = calls.GroupBy(c => (c.Workflow, Hour: Figures.HourOf(c.OccurredAt)))
            .Select(g => (g.Key.Workflow, g.Key.Hour, LatestCallAt: g.Max(c => c.OccurredAt)))
            .OrderBy(h => h.Workflow, StringComparer.Ordinal).ThenBy(h => h.Hour)
            .ToList();
        foreach (var hour in await store.ReadHoursAsync(connection, transaction, hours, Options.VolumeSpike.BaselineHours,
                     Options.OutputShift.BaselineHours, ct))
        {
            var state = changed.GetValueOrDefault(hour.Workflow) ?? states[hour.Workflow];
            var registration = Active(registry, hour.Workflow);
            var team = teams[hour.Workflow];
            if (VolumeSpikes.Decide(hour, state.VolumeHour, state.FirstSeenAt, registration?.Terms.ExpectedRunsPerDay, team, Options.VolumeSpike) is { } volume)
            {
                detections.Add(volume);
                state = state with { VolumeHour = hour.Hour };
            }
            var threshold = registration?.Terms.OutputShiftThreshold ?? Options.OutputShift.DefaultThreshold;
            var (shifted, shift) = OutputShifts.Decide(state.OutputShifted, hour, threshold, team, Options.OutputShift);
            if (shift is not null) detections.Add(shift);
            state = state with { OutputShifted = shifted };
            if (state != states[hour.Workflow]) changed[hour.Workflow] = state;
        }

        foreach (var workflow in byWorkflow.Select(g => g.Key))
        {
            var state = changed.GetValueOrDefault(workflow) ?? states[workflow];
            var at = latest[workflow];
            var month = Figures.Month(at);
            var (monthCalls, spent) = months[(workflow, month)];
            var team = teams[workflow];
            var registration = registry.GetValueOrDefault(workflow);
            if (UnregisteredWorkflows.Decide(workflow, registration, state.UnregisteredMonth, month, at, team, monthCalls, spent) is { } unregistered)
            {
                detections.Add(unregistered);
                state = state with { UnregisteredMonth = month };
            }
            if (PaceProjection.Decide(workflow, team, Active(registry, workflow)?.Terms.EstimatedMonthlyCostUsd, spent, at,
                    state.PaceMonth, state.PaceProjectedUsd, Options.Pace) is { } pace)
            {
                detections.Add(pace);
                state = state with { PaceMonth = pace.Month, PaceProjectedUsd = pace.ProjectedUsd };
            }
            if (state != states[workflow]) changed[workflow] = state;
        }
        await store.SaveStatesAsync(connection, transaction, changed.Values, ct);
        return detections;
    }

    private async Task<IReadOnlyList<TokenSpikeDetected>> TokenSpikesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<RunState> runs, IReadOnlyDictionary<string, WatchState> states, IReadOnlyDictionary<string, Workflow> registry,
        CancellationToken ct)
    {
        var candidates = runs.Where(r => !r.TokenSpikeDetected).ToList();
        var learning = candidates.Select(r => r.Workflow).Distinct(StringComparer.Ordinal)
            .Where(w => Active(registry, w)?.Terms.ExpectedTokensPerRun is null).Select(w => states[w]).ToList();
        var learned = await store.LearnedBaselinesAsync(connection, transaction, learning, Options.TokenSpike.BaselineRuns, ct);

        var spikes = new List<TokenSpikeDetected>();
        var spiked = new List<RunState>();
        foreach (var run in candidates)
        {
            var registration = registry.GetValueOrDefault(run.Workflow);
            var expected = TokenExpectation.For(registration, learned.GetValueOrDefault(run.Workflow, LearnedBaseline.None),
                Options.TokenSpike.DefaultFactor, Options.TokenSpike.BaselineRuns);
            if (TokenSpikes.Decide(run, expected, registration?.Terms.OwnerTeam ?? run.Team) is not { } spike) continue;
            spikes.Add(spike);
            spiked.Add(run);
        }
        await store.MarkTokenSpikesAsync(connection, transaction, spiked, ct);
        return spikes;
    }

    private static IReadOnlyList<HourlyDelta> HourlyDeltas(IReadOnlyList<ObservedCall> calls,
        IReadOnlyList<(RunState Run, DateTimeOffset FirstAt, bool Started)> runs)
    {
        var started = runs.Where(r => r.Started)
            .GroupBy(r => (r.Run.Workflow, Hour: Figures.HourOf(r.FirstAt), r.Run.Team))
            .ToDictionary(g => g.Key, g => g.LongCount());
        return calls.GroupBy(c => (c.Workflow, Hour: Figures.HourOf(c.OccurredAt), c.Team))
            .Select(g => new HourlyDelta(g.Key.Workflow, g.Key.Hour, g.Key.Team, g.LongCount(), started.GetValueOrDefault(g.Key),
                g.Sum(c => c.InputTokens), g.Sum(c => c.OutputTokens), g.Sum(c => c.EffectiveCostUsd)))
            .ToList();
    }

    private static Workflow? Active(IReadOnlyDictionary<string, Workflow> registry, string workflow) =>
        registry.GetValueOrDefault(workflow) is { Retired: false } active ? active : null;

    /// <summary>The registered owner; for a workflow nobody registered, the team that made most of the batch's calls of it.</summary>
    private static string TeamOf(string workflow, IReadOnlyDictionary<string, Workflow> registry, IEnumerable<ObservedCall> calls) =>
        registry.GetValueOrDefault(workflow)?.Terms.OwnerTeam
        ?? calls.GroupBy(c => c.Team).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
}
