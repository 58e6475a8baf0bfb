using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace AiFinOps.Anomaly.Watching;

/// <summary>
/// A transaction-scoped PostgreSQL advisory lock over the watch tables: batches, the sweep and commands share it; the
/// rebuild takes it alone, so nothing lands in tables being rebuilt. One per schema (test classes keep their own
/// schemas in one database): anomaly's locks are 4_207_004_NNN….
/// </summary>
public static class WatchLock
{
    public static Task ShareAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, CancellationToken cancellationToken) =>
        RunAsync("pg_advisory_xact_lock_shared", connection, transaction, schema, cancellationToken);

    public static Task TakeAloneAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, CancellationToken cancellationToken) =>
        RunAsync("pg_advisory_xact_lock", connection, transaction, schema, cancellationToken);

    /// <summary>A key of anomaly's for <paramref name="schema"/>; <paramref name="purpose"/> 1: the watch tables, 2: the alert publisher.</summary>
    public static long KeyOf(string schema, int purpose) =>
        4_207_004_000_000L + purpose * 100_000L + BitConverter.ToUInt16(SHA256.HashData(Encoding.UTF8.GetBytes(schema)));

    private static async Task RunAsync(string function, NpgsqlConnection connection, NpgsqlTransaction transaction, string schema,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {function}(@key)", connection, transaction);
        command.Parameters.AddWithValue("key", KeyOf(schema, 1));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
