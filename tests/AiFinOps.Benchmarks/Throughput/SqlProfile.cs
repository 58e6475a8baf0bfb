using Npgsql;

namespace AiFinOps.Benchmarks.Throughput;

/// <summary>
/// Where PostgreSQL spent its time, by statement (pg_stat_statements), when the server preloads it — start the
/// benchmark with <c>AIFINOPS_PG_OPTIONS="-c shared_preload_libraries=pg_stat_statements"</c>. Absent otherwise.
/// </summary>
public sealed class SqlProfile(NpgsqlDataSource database)
{
    public static async Task<SqlProfile?> StartAsync(NpgsqlDataSource database)
    {
        try
        {
            await using var command = database.CreateCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset();");
            await command.ExecuteNonQueryAsync();
            return new SqlProfile(database);
        }
        catch (PostgresException)
        {
            return null; // not preloaded: no statement profile
        }
    }

    public async Task PrintAsync(int top)
    {
        await using var command = database.CreateCommand($"""
            SELECT calls, round(total_exec_time::numeric, 0), round(mean_exec_time::numeric, 2), rows,
                   regexp_replace(left(query, 160), '\s+', ' ', 'g')
            FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT {top}
            """);
        await using var reader = await command.ExecuteReaderAsync();
        Console.WriteLine();
        Console.WriteLine("| calls | total ms | mean ms | rows | statement |");
        Console.WriteLine("|---|---|---|---|---|");
        while (await reader.ReadAsync())
            Console.WriteLine($"| {reader.GetInt64(0):N0} | {reader.GetDecimal(1):N0} | {reader.GetDecimal(2)} | {reader.GetInt64(3):N0} | `{reader.GetString(4).Replace("|", "¦", StringComparison.Ordinal)}` |");
        Console.WriteLine();
    }
}
