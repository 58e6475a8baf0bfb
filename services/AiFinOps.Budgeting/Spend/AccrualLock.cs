using Npgsql;

namespace AiFinOps.Budgeting.Spend;

/// <summary>
/// A transaction-scoped advisory lock over accrual: consumers share it; defining a budget takes it alone, so the new
/// budget's starting spend and every later consumer's additions cover each usage exactly once.
/// Locks are database-wide: 4_207_003 is budgeting's schema lock, budgeting's own are 4_207_003_NNN.
/// </summary>
public static class AccrualLock
{
    private const long Key = 4_207_003_001;

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
