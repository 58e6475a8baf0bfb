using System.Diagnostics;
using AiFinOps.Allocation.Ledger;
using Npgsql;

namespace AiFinOps.Benchmarks.Ledger;

/// <summary>
/// Fills the ledger tables with synthetic lines through the projection the usage consumer uses (lines, hourly and
/// daily rollups, one transaction per page), from several connections at once. Skips the bus and the Marten event.
/// </summary>
public static class LedgerSeeder
{
    public static long InsertTicks, RollupTicks, CommitTicks;

    public static async Task<TimeSpan> SeedAsync(NpgsqlDataSource database, LedgerProjection projection, SyntheticLedger ledger,
        long events, int pageSize, int workers, Action<long> progress)
    {
        var clock = Stopwatch.StartNew();
        long next = 0, done = 0;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            while (true)
            {
                var first = Interlocked.Add(ref next, pageSize) - pageSize;
                if (first >= events) return;
                var lines = ledger.Lines(first, (int)Math.Min(pageSize, events - first));
                await using var connection = await database.OpenConnectionAsync();
                await using var transaction = await connection.BeginTransactionAsync();
                var t0 = Stopwatch.GetTimestamp();
                var inserted = await projection.InsertNewLinesAsync(connection, transaction, lines, DateTimeOffset.UtcNow, CancellationToken.None);
                var t1 = Stopwatch.GetTimestamp();
                await projection.AddToRollupsAsync(connection, transaction, inserted, CancellationToken.None);
                var t2 = Stopwatch.GetTimestamp();
                await transaction.CommitAsync();
                Interlocked.Add(ref InsertTicks, t1 - t0);
                Interlocked.Add(ref RollupTicks, t2 - t1);
                Interlocked.Add(ref CommitTicks, Stopwatch.GetTimestamp() - t2);
                progress(Interlocked.Add(ref done, lines.Count));
            }
        }));
        return clock.Elapsed;
    }
}
