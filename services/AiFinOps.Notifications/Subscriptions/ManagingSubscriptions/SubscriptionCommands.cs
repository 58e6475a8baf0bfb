using System.Security.Cryptography;
using System.Text;
using Marten;
using Npgsql;

namespace AiFinOps.Notifications.Subscriptions.ManagingSubscriptions;

/// <summary>
/// Runs subscription commands: the decision is <see cref="Subscription"/>'s, the transaction is here. Defining and
/// amending take a transaction-scoped advisory lock first, so two requests can never both take the same free name.
/// </summary>
public sealed class SubscriptionCommands(NpgsqlDataSource database, IDocumentStore store)
{
    public async Task<(SubscriptionDecision Decision, Subscription? Subscription)> DefineAsync(DefineSubscription command,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockNamesAsync(connection, transaction, cancellationToken);
        await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction));

        var existing = await session.LoadAsync<Subscription>(command.SubscriptionId, cancellationToken);
        var decision = Subscription.Decide(existing, command, await NamesInUseAsync(session, cancellationToken));
        if (!decision.Accepted) return (decision, existing);
        var defined = (SubscriptionDefined)decision.Events[0];
        session.Events.StartStream<Subscription>(command.SubscriptionId, defined);
        await session.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (decision, Subscription.Create(defined));
    }

    public async Task<(SubscriptionDecision Decision, Subscription? Subscription)> AmendAsync(string id, AmendSubscription command,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockNamesAsync(connection, transaction, cancellationToken);
        await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction));

        var stream = await session.Events.FetchForWriting<Subscription>(id, cancellationToken);
        if (stream.Aggregate is null) return (SubscriptionDecision.Refuse("id", "no such subscription"), null);
        var decision = Subscription.Decide(stream.Aggregate, command, await NamesInUseAsync(session, cancellationToken));
        if (!decision.Accepted) return (decision, stream.Aggregate);
        stream.AppendMany(decision.Events);
        await session.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (decision, decision.Events.OfType<SubscriptionAmended>().Aggregate(stream.Aggregate, (s, e) => s.Apply(e)));
    }

    public async Task<SubscriptionDecision> RemoveAsync(string id, RemoveSubscription command, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<Subscription>(id, cancellationToken);
        if (stream.Aggregate is null) return SubscriptionDecision.Refuse("id", "no such subscription");
        var decision = Subscription.Decide(stream.Aggregate, command);
        stream.AppendMany(decision.Events);
        await session.SaveChangesAsync(cancellationToken);
        return decision;
    }

    private static async Task<IReadOnlySet<string>> NamesInUseAsync(IQuerySession session, CancellationToken cancellationToken) =>
        (await session.Query<Subscription>().Where(s => !s.Removed).Select(s => s.Terms.Name).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>One lock per schema (test classes keep their own schemas in one database): notifications' locks are 4_207_006_NNN…</summary>
    private async Task LockNamesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var key = 4_207_006_000_000L + BitConverter.ToUInt16(SHA256.HashData(Encoding.UTF8.GetBytes(store.Options.DatabaseSchemaName)));
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction);
        command.Parameters.AddWithValue("key", key);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
