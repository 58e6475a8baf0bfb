using System.Diagnostics;
using Npgsql;

namespace AiFinOps.Benchmarks.Hosting;

/// <summary>The benchmark's own database on the server AIFINOPS_TEST_POSTGRES names, and the SQL helpers they share.</summary>
public static class BenchDatabase
{
    public static string Server => Environment.GetEnvironmentVariable("AIFINOPS_TEST_POSTGRES")
        ?? throw new InvalidOperationException("AIFINOPS_TEST_POSTGRES is not set (deploy/local/bench.sh sets it)");

    public static string RabbitMq => Environment.GetEnvironmentVariable("AIFINOPS_TEST_RABBITMQ")
        ?? throw new InvalidOperationException("AIFINOPS_TEST_RABBITMQ is not set (deploy/local/bench.sh sets it)");

    /// <summary>The connection string of <paramref name="database"/>, created when missing (dropped first when <paramref name="fresh"/>).</summary>
    public static async Task<string> PrepareAsync(string database, bool fresh)
    {
        await using (var admin = NpgsqlDataSource.Create(Server))
        {
            if (fresh) await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            var exists = await ScalarAsync<long>(admin, $"SELECT count(*) FROM pg_database WHERE datname = '{database}'");
            if (exists == 0) await ExecuteAsync(admin, $"CREATE DATABASE {database}");
        }
        return new NpgsqlConnectionStringBuilder(Server) { Database = database }.ConnectionString;
    }

    /// <summary>
    /// Waits (at most <paramref name="limit"/>) until no autovacuum worker has run on the server for 10 s: earlier
    /// scenarios of the same run leave millions of fresh rows in their own databases, and vacuuming them takes the cores
    /// a latency measurement needs. Returns how long it waited.
    /// </summary>
    public static async Task<TimeSpan> SettleAsync(NpgsqlDataSource database, TimeSpan limit)
    {
        var waited = Stopwatch.StartNew();
        var quiet = Stopwatch.StartNew();
        while (waited.Elapsed < limit && quiet.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (await ScalarAsync<long>(database, "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'") > 0)
                quiet.Restart();
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        return waited.Elapsed;
    }

    public static async Task ExecuteAsync(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        command.CommandTimeout = 0;
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
