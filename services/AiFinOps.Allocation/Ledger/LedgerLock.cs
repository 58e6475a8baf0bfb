using Npgsql;

namespace AiFinOps.Allocation.Ledger;

/// <summary>
/// A transaction-scoped PostgreSQL advisory lock over the whole ledger: bookings share it; closing a period, closing a
/// day in the daily rollups and rebuilding the ledger take it alone, so no line lands in a period or day while it
/// closes or in tables being rebuilt.
/// </summary>
public static class LedgerLock
{
    private const long Key = 4_207_002_001;

    public static Task ShareAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        RunAsync($"SELECT pg_advisory_xact_lock_shared({Key})", connection, transaction, cancellationToken);

    public static Task TakeAloneAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        RunAsync($"SELECT pg_advisory_xact_lock({Key})", connection, transaction, cancellationToken);

    private static async Task RunAsync(string sql, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
