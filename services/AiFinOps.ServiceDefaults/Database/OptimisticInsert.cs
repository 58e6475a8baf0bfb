using Npgsql;

namespace AiFinOps.ServiceDefaults.Database;

/// <summary>
/// Inserts rows whose keys are new nearly every time (usage event ids, ledger line ids: a key repeats only when a
/// message is redelivered or a client retries) without paying for <c>ON CONFLICT DO NOTHING</c> on every row: that
/// clause probes the unique index before each row and then inserts it speculatively (an index probe and a WAL record
/// more per row). The insert runs first without the clause, under a savepoint; only when a key is already there (a
/// unique violation, after waiting for a concurrent transaction that holds it) does it roll back to the savepoint and
/// run the insert that skips what exists. Either way the rows inserted are exactly the new ones. The first attempt may
/// also be a binary COPY, which has no conflict clause at all.
/// </summary>
public static class OptimisticInsert
{
    private const string Savepoint = "optimistic_insert";

    /// <param name="transaction">The caller's transaction (the savepoint is released with it).</param>
    /// <param name="allNew">Inserts every row, failing on a key that exists; returns what it inserted.</param>
    /// <param name="skippingExisting">Inserts the rows whose keys do not exist (<c>ON CONFLICT … DO NOTHING</c>); returns those.</param>
    public static async Task<T> RunAsync<T>(NpgsqlTransaction transaction, Func<Task<T>> allNew, Func<Task<T>> skippingExisting,
        CancellationToken cancellationToken)
    {
        await transaction.SaveAsync(Savepoint, cancellationToken);
        try
        {
            return await allNew();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await transaction.RollbackAsync(Savepoint, cancellationToken);
            return await skippingExisting();
        }
    }
}
