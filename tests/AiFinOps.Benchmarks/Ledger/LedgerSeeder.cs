using System.Diagnostics;
using AiFinOps.Allocation.Ledger;
using AiFinOps.Allocation.Ledger.ClosingDays;
using Npgsql;

namespace AiFinOps.Benchmarks.Ledger;

/// <summary>
/// Fills the ledger tables with synthetic lines through the projection the usage consumer uses (lines, hourly and
/// daily rollups, one transaction per page), from several connections at once, a day at a time: each day is closed in
/// the daily rollup when its lines are in, as the running service closes a day after it ends. Skips the bus and the
/// Marten event.
/// </summary>
public static class LedgerSeeder
{
    public static long InsertTicks, RollupTicks, CommitTicks;

    public static async Task<TimeSpan> SeedAsync(NpgsqlDataSource database, LedgerProjection projection, DailyRollupCloser closer,
        SyntheticLedger ledger, int pageSize, int workers, Action<long> progress)
    {
        var clock = Stopwatch.StartNew();
        long done = 0;
        await StartDaysAtAsync(database, closer, ledger.MonthStart);
        for (var day = 0; day < ledger.Days; day++)
        {
            var (first, end) = ledger.IdsOfDay(day);
            long next = first;
            await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
            {
                while (true)
                {
                    var from = Interlocked.Add(ref next, pageSize) - pageSize;
                    if (from >= end) return;
                    var lines = ledger.Lines(from, (int)Math.Min(pageSize, end - from));
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
            await closer.CloseBeforeAsync(ledger.MonthStart.AddDays(day + 1), CancellationToken.None);
        }
        return clock.Elapsed;
    }

    /// <summary>
    /// Makes the month's first day the first open one, as for a service running since before it: the service closed
    /// the days up to its start when it started, so its horizon is dropped (an empty ledger, nothing to move) and set anew.
    /// </summary>
    private static async Task StartDaysAtAsync(NpgsqlDataSource database, DailyRollupCloser closer, DateTimeOffset monthStart)
    {
        await using (var command = database.CreateCommand($"DELETE FROM allocation.{LedgerTables.DaysClosed}"))
        {
            await command.ExecuteNonQueryAsync();
        }
        await closer.CloseBeforeAsync(monthStart, CancellationToken.None);
    }
}
