using System.Data;
using Npgsql;

namespace AiFinOps.Allocation.Ledger.ClosingDays;

/// <summary>Binds the first open day for the readers of <see cref="LedgerTables.EveryDay(string)"/>.</summary>
public static class ClosedDays
{
    /// <summary>What a ledger without a closed day reads as: every day is in the daily rollups (usage ends before it).</summary>
    public static readonly DateTimeOffset NoneClosed = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Adds <c>@closed_through</c> to <paramref name="command"/>, read in <paramref name="transaction"/>: it must see the
    /// same snapshot as the command (<see cref="BeginSnapshotAsync"/>) or hold the ledger lock, so no day closes in between.
    /// </summary>
    public static async Task AddClosedThroughAsync(NpgsqlCommand command, NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        var closedThrough = await DailyRollupCloser.ClosedThroughAsync(connection, transaction, cancellationToken) ?? NoneClosed;
        command.Parameters.AddWithValue("closed_through", closedThrough.UtcDateTime);
    }

    /// <summary>A read-only transaction whose statements all see one snapshot (repeatable read).</summary>
    public static async Task<NpgsqlTransaction> BeginSnapshotAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction);
        await readOnly.ExecuteNonQueryAsync(cancellationToken);
        return transaction;
    }
}
