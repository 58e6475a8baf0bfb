using AiFinOps.Anomaly.Watching;
using Marten;
using Npgsql;

namespace AiFinOps.Anomaly.Incidents.HandlingIncidents;

/// <summary>
/// Runs incident commands: the decision is <see cref="Incident"/>'s; the transaction holds the incident's workflow row
/// (as batches do when they add detections to it), so a resolve and a joining detection never interleave.
/// </summary>
public sealed class IncidentCommands(NpgsqlDataSource database, IDocumentStore store, WatchStore tables)
{
    public Task<(IncidentDecision Decision, Incident? Incident)> AcknowledgeAsync(Guid id, AcknowledgeIncident command, CancellationToken ct) =>
        RunAsync(id, state => Incident.Decide(state, command), ct);

    public Task<(IncidentDecision Decision, Incident? Incident)> ResolveAsync(Guid id, ResolveIncident command, CancellationToken ct) =>
        RunAsync(id, state => Incident.Decide(state, command), ct);

    private async Task<(IncidentDecision, Incident?)> RunAsync(Guid id, Func<Incident, IncidentDecision> decide, CancellationToken ct)
    {
        var key = Incident.StreamKey(id);
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction));
        if (await session.LoadAsync<Incident>(key, ct) is not { } current) return (IncidentDecision.Refuse("id", "no such incident"), null);

        await WatchLock.ShareAsync(connection, transaction, tables.Schema, ct);
        await tables.LockWorkflowsAsync(connection, transaction, new Dictionary<string, DateTimeOffset?> { [current.Workflow] = null }, ct);
        var stream = await session.Events.FetchForWriting<Incident>(key, ct);
        var decision = decide(stream.Aggregate!);
        if (!decision.Accepted) return (decision, stream.Aggregate);
        stream.AppendMany(decision.Events);
        await session.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (decision, decision.Events.Aggregate(stream.Aggregate!, (incident, e) => e switch
        {
            IncidentAcknowledged acknowledged => incident.Apply(acknowledged),
            IncidentResolved resolved => incident.Apply(resolved),
            _ => incident,
        }));
    }
}
