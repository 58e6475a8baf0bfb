using AiFinOps.Anomaly.Calls;
using AiFinOps.Anomaly.Detections;
using AiFinOps.Anomaly.Detections.OutputShifts;
using AiFinOps.Anomaly.Detections.Pace;
using AiFinOps.Anomaly.Detections.TokenSpikes;
using AiFinOps.Anomaly.Detections.Unregistered;
using AiFinOps.Anomaly.Detections.VolumeSpikes;
using AiFinOps.Anomaly.Runs.ClosingIdleRuns;
using AiFinOps.Anomaly.Watching;
using AiFinOps.Anomaly.Workflows;
using AiFinOps.Anomaly.Workflows.ManagingWorkflows;
using JasperFx.Events;
using Marten;
using Marten.Events;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiFinOps.Anomaly.Rebuilding;

/// <summary>
/// Rebuilds the watch tables — calls, runs, hourly and monthly stats, the detections' state — by replaying the stored
/// events in sequence order (calls observed, runs the sweep closed, registry changes) through the same code that
/// consumed them, in one transaction that holds the watch lock alone: readers see the old tables until the new ones
/// are complete, and batches wait. The detections the replay makes are compared with the stored ones, not stored again
/// (incidents and alerts stay as they are). One rebuild at a time; its progress is readable.
/// </summary>
public sealed class AnomalyRebuilder(NpgsqlDataSource database, IDocumentStore store, WatchStore tables, WorkflowWatch watch,
    TimeProvider clock, ILogger<AnomalyRebuilder> logger)
{
    private const int PageSize = 50;
    private static readonly Type[] Replayed =
        [typeof(CallsObserved), typeof(IdleRunsClosed), typeof(WorkflowRegistered), typeof(WorkflowAmended), typeof(WorkflowRetired)];
    private static readonly Type[] DetectionTypes =
        [typeof(TokenSpikeDetected), typeof(VolumeSpikeDetected), typeof(OutputLengthShifted), typeof(UnregisteredWorkflowSeen), typeof(PaceOverEstimate)];

    private readonly Lock gate = new();
    private RebuildProgress progress = RebuildProgress.NeverRun;

    public RebuildProgress Progress { get { lock (gate) return progress; } }

    /// <summary>Starts a rebuild in the background; false when one is running already.</summary>
    public bool TryStart(string requestedBy)
    {
        if (!TryBegin(requestedBy)) return false;
        _ = Task.Run(() => RunAsync(CancellationToken.None));
        return true;
    }

    /// <summary>Rebuilds now and returns how it went; null when one is running already.</summary>
    public async Task<RebuildProgress?> RebuildAsync(string requestedBy, CancellationToken ct) =>
        TryBegin(requestedBy) ? await RunAsync(ct) : null;

    private bool TryBegin(string requestedBy)
    {
        lock (gate)
        {
            if (progress.State == RebuildProgress.Running) return false;
            progress = RebuildProgress.NeverRun with { State = RebuildProgress.Running, RequestedBy = requestedBy, StartedAt = clock.GetUtcNow() };
            return true;
        }
    }

    private async Task<RebuildProgress> RunAsync(CancellationToken ct)
    {
        try
        {
            await ReplayAsync(ct);
            Update(p => p with { State = RebuildProgress.Succeeded, FinishedAt = clock.GetUtcNow() });
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Rebuilding anomaly's tables failed; the previous tables stay as they were");
            Update(p => p with { State = RebuildProgress.Failed, FinishedAt = clock.GetUtcNow(), Error = ex.Message });
        }
        return Progress;
    }

    private async Task ReplayAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await WatchLock.TakeAloneAsync(connection, transaction, tables.Schema, ct);

        await using var query = store.QuerySession();
        var stored = await StoredDetectionsAsync(query, ct);
        var total = await query.Events.QueryAllRawEvents().Where(e => e.EventTypesAre(Replayed)).CountAsync(ct);
        Update(p => p with { EventsTotal = total, DetectionsStored = stored.Count });

        await using (var truncate = new NpgsqlCommand(
            $"TRUNCATE {string.Join(", ", WatchTables.All.Select(t => $"{tables.Schema}.{t}"))}", connection, transaction))
        {
            await truncate.ExecuteNonQueryAsync(ct);
        }

        var registry = new Dictionary<string, Workflow>(StringComparer.Ordinal);
        var replayed = new List<IAnomalyDetection>();
        long after = 0;
        while (true)
        {
            var page = await query.Events.QueryAllRawEvents()
                .Where(e => e.EventTypesAre(Replayed) && e.Sequence > after)
                .OrderBy(e => e.Sequence).Take(PageSize).ToListAsync(ct);
            if (page.Count == 0) break;
            foreach (var e in page)
            {
                var calls = await ApplyAsync(connection, transaction, e, registry, replayed, ct);
                Update(p => p with { EventsDone = p.EventsDone + 1, CallsDone = p.CallsDone + calls, DetectionsReplayed = replayed.Count });
            }
            after = page[^1].Sequence;
        }

        var differences = Compare(stored, replayed);
        Update(p => p with
        {
            DetectionsMatched = replayed.Count(d => stored.TryGetValue(d.DetectionKey(), out var s) && s.Equals(d)),
            Differences = differences,
        });
        await transaction.CommitAsync(ct);
        logger.LogInformation("Rebuilt anomaly's tables from {Events} events ({Calls} calls); {Matched} of {Stored} detections replayed alike",
            Progress.EventsDone, Progress.CallsDone, Progress.DetectionsMatched, Progress.DetectionsStored);
    }

    private async Task<int> ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IEvent e,
        Dictionary<string, Workflow> registry, List<IAnomalyDetection> replayed, CancellationToken ct)
    {
        switch (e.Data)
        {
            case CallsObserved observed:
                var calls = await tables.InsertNewCallsAsync(connection, transaction, observed.Calls, ct);
                if (calls.Count == 0) return 0;
                var states = await tables.LockWorkflowsAsync(connection, transaction, calls.GroupBy(c => c.Workflow)
                    .ToDictionary(g => g.Key, g => (DateTimeOffset?)g.Min(c => c.OccurredAt), StringComparer.Ordinal), ct);
                var known = states.Keys.Where(registry.ContainsKey).ToDictionary(w => w, w => registry[w], StringComparer.Ordinal);
                replayed.AddRange(await watch.FoldAsync(connection, transaction, calls, states, known, ct));
                return calls.Count;
            case IdleRunsClosed closed:
                await tables.CloseRunsBeforeAsync(connection, transaction, closed.ClosedWorkflows(), closed.Before, ct);
                return 0;
            default:
                var name = e.Data switch
                {
                    WorkflowRegistered r => r.Name,
                    WorkflowAmended a => a.Name,
                    WorkflowRetired t => t.Name,
                    _ => throw new InvalidOperationException($"Unexpected event {e.EventTypeName}"),
                };
                await tables.LockWorkflowsAsync(connection, transaction, new Dictionary<string, DateTimeOffset?> { [name] = null }, ct);
                if (WorkflowCommands.Evolve(registry.GetValueOrDefault(name), e.Data) is { } evolved) registry[name] = evolved;
                return 0;
        }
    }

    private static async Task<IReadOnlyDictionary<string, IAnomalyDetection>> StoredDetectionsAsync(IQuerySession query, CancellationToken ct)
    {
        var events = await query.Events.QueryAllRawEvents().Where(e => e.EventTypesAre(DetectionTypes)).ToListAsync(ct);
        return events.Select(e => (IAnomalyDetection)e.Data).ToDictionary(d => d.DetectionKey(), StringComparer.Ordinal);
    }

    private static IReadOnlyList<string> Compare(IReadOnlyDictionary<string, IAnomalyDetection> stored, IReadOnlyList<IAnomalyDetection> replayed)
    {
        var replayedByKey = replayed.ToDictionary(d => d.DetectionKey(), StringComparer.Ordinal);
        return stored.Keys.Where(k => !replayedByKey.ContainsKey(k)).Select(k => $"stored only: {k}")
            .Concat(replayedByKey.Keys.Where(k => !stored.ContainsKey(k)).Select(k => $"replayed only: {k}"))
            .Concat(replayedByKey.Where(r => stored.TryGetValue(r.Key, out var s) && !s.Equals(r.Value)).Select(r => $"different figures: {r.Key}"))
            .Take(RebuildProgress.MaxDifferences)
            .ToList();
    }

    private void Update(Func<RebuildProgress, RebuildProgress> change)
    {
        lock (gate) progress = change(progress);
    }
}
