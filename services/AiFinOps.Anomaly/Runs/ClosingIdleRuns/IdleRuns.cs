using AiFinOps.Anomaly.Watching;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiFinOps.Anomaly.Runs.ClosingIdleRuns;

/// <summary>
/// Closes the runs of workflows whose traffic stopped: open runs without a call for the idle window before
/// <c>now</c>. Their workflows' rows are locked first (in name order, as batches lock them) and which workflows' runs
/// it closed is recorded as <see cref="IdleRunsClosed"/>, in one transaction, so a replay closes the same runs at the
/// same point. The event names workflows, not runs: a sweep after a busy period closes rate × idle window runs.
/// </summary>
public sealed class IdleRuns(NpgsqlDataSource database, IDocumentStore store, WatchStore tables, IOptions<AnomalyOptions> options)
{
    public async Task<IReadOnlyList<WorkflowRunsClosed>> CloseAsync(DateTimeOffset now, CancellationToken ct)
    {
        var idle = options.Value.Runs.IdleWindow;
        var before = now - idle;
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await WatchLock.ShareAsync(connection, transaction, tables.Schema, ct);
        var workflows = await tables.WorkflowsWithRunsIdleBeforeAsync(connection, transaction, before, ct);
        if (workflows.Count == 0) return [];

        await tables.LockWorkflowsAsync(connection, transaction, workflows.ToDictionary(w => w, _ => (DateTimeOffset?)null), ct);
        var closed = await tables.CloseIdleRunsAsync(connection, transaction, workflows, before, ct);
        if (closed.Count == 0) return [];
        await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction));
        session.Events.StartStream(IdleRunsClosed.StreamKey(Guid.NewGuid()), new IdleRunsClosed(before, closed));
        await session.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return closed;
    }
}
