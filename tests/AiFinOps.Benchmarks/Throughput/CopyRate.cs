using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace AiFinOps.Benchmarks.Throughput;

/// <summary>
/// The machine's raw PostgreSQL limit for writing usage: binary <c>COPY</c> of usage-shaped rows (event id, time,
/// team, workflow, model, tokens, cost) into a logged table with a primary key, fsync on, one transaction per 10,000
/// rows. Every figure of the throughput benchmark is also given as a share of this rate.
/// </summary>
public static class CopyRate
{
    public static async Task<double> MeasureAsync(NpgsqlDataSource database, int rows)
    {
        await using (var create = database.CreateCommand("""
            DROP TABLE IF EXISTS public.copy_rate;
            CREATE TABLE public.copy_rate (
                event_id text PRIMARY KEY, occurred_at timestamptz NOT NULL, team text NOT NULL, workflow text NOT NULL,
                model text NOT NULL, input_tokens bigint NOT NULL, output_tokens bigint NOT NULL, cost_usd numeric NOT NULL)
            """))
        {
            await create.ExecuteNonQueryAsync();
        }
        var clock = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow;
        for (var first = 0; first < rows; first += 10_000)
        {
            await using var connection = await database.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var writer = await connection.BeginBinaryImportAsync(
                "COPY public.copy_rate (event_id, occurred_at, team, workflow, model, input_tokens, output_tokens, cost_usd) FROM STDIN (FORMAT BINARY)"))
            {
                for (var i = first; i < Math.Min(rows, first + 10_000); i++)
                {
                    await writer.StartRowAsync();
                    await writer.WriteAsync($"copy-rate-{i:D10}-{Guid.NewGuid():N}", NpgsqlDbType.Text);
                    await writer.WriteAsync(now.AddMilliseconds(i), NpgsqlDbType.TimestampTz);
                    await writer.WriteAsync($"team-{i % 8}", NpgsqlDbType.Text);
                    await writer.WriteAsync($"workflow-{i % 40}", NpgsqlDbType.Text);
                    await writer.WriteAsync("gpt-4o-mini", NpgsqlDbType.Text);
                    await writer.WriteAsync(1_000L + i % 977, NpgsqlDbType.Bigint);
                    await writer.WriteAsync(200L + i % 311, NpgsqlDbType.Bigint);
                    await writer.WriteAsync(0.000123m * (i % 97 + 1), NpgsqlDbType.Numeric);
                }
                await writer.CompleteAsync();
            }
            await transaction.CommitAsync();
        }
        var rate = rows / clock.Elapsed.TotalSeconds;
        await using (var drop = database.CreateCommand("DROP TABLE public.copy_rate"))
        {
            await drop.ExecuteNonQueryAsync();
        }
        return rate;
    }
}
