using AiFinOps.Anomaly.Alerts;
using AiFinOps.Anomaly.Incidents.OpeningIncidents;
using AiFinOps.Anomaly.Watching;
using AiFinOps.Anomaly.Workflows;
using AiFinOps.Contracts.Messages;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiFinOps.Anomaly.Calls.ObservingCalls;

/// <summary>What one message did: calls observed for the first time, detections made, alerts raised.</summary>
public sealed record CallsObservation(int Calls, int Detections, int Alerts);

/// <summary>
/// Observes a message's usage exactly once, in one PostgreSQL transaction: the calls not observed yet (their event id
/// is the primary key of <c>observed_calls</c>; a redelivered or concurrent duplicate inserts nothing and stops there),
/// the <see cref="CallsObserved"/> event holding them, their workflows' rows locked, runs and stats folded, and what the
/// detections found booked into incidents with their alerts.
/// </summary>
public sealed class ObserveCalls(NpgsqlDataSource database, IDocumentStore store, WatchStore tables, WorkflowWatch watch,
    AlertSignal signal, IOptions<AnomalyOptions> options, TimeProvider clock)
{
    public async Task<CallsObservation> HandleAsync(Guid batchId, IReadOnlyList<PricedUsage> usages, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await WatchLock.ShareAsync(connection, transaction, tables.Schema, ct);

        var calls = await tables.InsertNewCallsAsync(connection, transaction, usages.Select(ObservedCall.Of).ToList(), ct);
        if (calls.Count == 0) return new CallsObservation(0, 0, 0);

        var states = await tables.LockWorkflowsAsync(connection, transaction, calls.GroupBy(c => c.Workflow)
            .ToDictionary(g => g.Key, g => (DateTimeOffset?)g.Min(c => c.OccurredAt), StringComparer.Ordinal), ct);
        await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction));
        // Read under the rows' locks: a registry change committed before is what counts, one after waits for this batch.
        var registry = await RegistryAsync(session, states.Keys, ct);

        var detections = await watch.FoldAsync(connection, transaction, calls, states, registry, ct);
        var now = clock.GetUtcNow();
        session.Events.StartStream(CallsObserved.StreamKey(batchId), new CallsObserved(batchId, now, calls));
        var alerts = await IncidentBook.RecordAsync(session, detections, registry, options.Value.Incidents.CoolDown, now, ct);
        await session.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (alerts > 0) signal.Raise();
        return new CallsObservation(calls.Count, detections.Count, alerts);
    }

    /// <summary>The registrations of these workflows, by name (absent: never registered).</summary>
    public static async Task<IReadOnlyDictionary<string, Workflow>> RegistryAsync(IQuerySession session, IEnumerable<string> workflows,
        CancellationToken ct)
    {
        var found = await session.LoadManyAsync<Workflow>(ct, workflows.Select(Workflow.StreamKey).ToArray());
        return found.ToDictionary(w => w.Name, StringComparer.Ordinal);
    }
}
