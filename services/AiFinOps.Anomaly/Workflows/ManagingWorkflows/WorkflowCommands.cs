using AiFinOps.Anomaly.Watching;
using Marten;
using Npgsql;

namespace AiFinOps.Anomaly.Workflows.ManagingWorkflows;

/// <summary>
/// Runs registry commands: the decision is <see cref="Workflow"/>'s, the transaction is here. Each holds the
/// workflow's <c>workflow_watch</c> row while it decides and appends, as batches do, so the registration a batch was
/// judged by is the one before it in the event sequence: a replay judges it by the same.
/// </summary>
public sealed class WorkflowCommands(NpgsqlDataSource database, IDocumentStore store, WatchStore tables)
{
    public Task<(WorkflowDecision Decision, Workflow? Workflow)> RegisterAsync(RegisterWorkflow command, CancellationToken ct) =>
        RunAsync(command.Name, state => Workflow.Decide(state, command), ct);

    public Task<(WorkflowDecision Decision, Workflow? Workflow)> AmendAsync(string name, AmendWorkflow command, CancellationToken ct) =>
        RunAsync(name, state => state is null ? NotFound : Workflow.Decide(state, command), ct);

    public Task<(WorkflowDecision Decision, Workflow? Workflow)> RetireAsync(string name, RetireWorkflow command, CancellationToken ct) =>
        RunAsync(name, state => state is null ? NotFound : Workflow.Decide(state, command), ct);

    private static WorkflowDecision NotFound => WorkflowDecision.Refuse("name", "no such workflow");

    private async Task<(WorkflowDecision, Workflow?)> RunAsync(string name, Func<Workflow?, WorkflowDecision> decide, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await WatchLock.ShareAsync(connection, transaction, tables.Schema, ct);
        await tables.LockWorkflowsAsync(connection, transaction, new Dictionary<string, DateTimeOffset?> { [name] = null }, ct);
        await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction));

        var stream = await session.Events.FetchForWriting<Workflow>(Workflow.StreamKey(name), ct);
        var decision = decide(stream.Aggregate);
        if (!decision.Accepted) return (decision, stream.Aggregate);
        stream.AppendMany(decision.Events);
        await session.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (decision, decision.Events.Aggregate(stream.Aggregate, Evolve));
    }

    /// <summary>The registration after an event (what the inline snapshot stores).</summary>
    public static Workflow? Evolve(Workflow? state, object e) => (state, e) switch
    {
        (null, WorkflowRegistered registered) => Workflow.Create(registered),
        (not null, WorkflowRegistered registered) => state.Apply(registered),
        (not null, WorkflowAmended amended) => state.Apply(amended),
        (not null, WorkflowRetired retired) => state.Apply(retired),
        _ => state,
    };
}
