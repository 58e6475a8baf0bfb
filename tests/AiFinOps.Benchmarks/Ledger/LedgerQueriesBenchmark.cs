using System.Diagnostics;
using System.Globalization;
using AiFinOps.Allocation;
using AiFinOps.Allocation.Ledger;
using AiFinOps.Allocation.Ledger.ClosingDays;
using AiFinOps.Benchmarks.Hosting;
using AiFinOps.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static AiFinOps.Benchmarks.Hosting.BenchDatabase;

namespace AiFinOps.Benchmarks.Ledger;

/// <summary>
/// Issue 4's figure: <c>/api/v1/spend</c> for one month grouped by team and workflow (and three other everyday
/// queries) over a ledger of N events, through the real allocation service on Kestrel, keys verified by ingest.
/// </summary>
public static class LedgerQueriesBenchmark
{
    private const string Database = "aifinops_bench_ledger";
    private const string AdminKey = "benchmark-admin-key-0123456789abcdef";

    public static async Task<int> RunAsync(long events, int requests, bool fresh)
    {
        var rabbit = BenchDatabase.RabbitMq;
        var connection = await BenchDatabase.PrepareAsync(Database, fresh);
        var month = new DateTimeOffset(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-1);

        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:aifinops"] = connection,
            ["ConnectionStrings:messaging"] = rabbit,
            ["Messaging:Prefix"] = "bench",
            ["AIFINOPS_ADMIN_KEY"] = AdminKey,
            // Allocation is the only usage consumer here.
            ["Ingest:Backpressure:Consumers"] = "allocation",
        };
        await using var ingest = await InProcessService.StartAsync("AiFinOps.Ingest", settings, b => b.AddIngest(), a => a.UseIngest());
        settings["AIFINOPS_KEYS_URL"] = ingest.Address.ToString();
        // Allocation re-prices unpriced lines through ingest (http://ingest by service discovery).
        settings["services:ingest:http:0"] = ingest.Address.ToString().TrimEnd('/');
        Task<InProcessService> StartAllocationAsync() =>
            InProcessService.StartAsync("AiFinOps.Allocation", settings, b => b.AddAllocation(), a => a.UseAllocation());
        var allocation = await StartAllocationAsync();
        var database = allocation.Services.GetRequiredService<NpgsqlDataSource>();

        var present = await ScalarAsync<long>(database, $"SELECT count(*) FROM allocation.{LedgerTables.Lines}");
        Console.WriteLine($"ledger: {present:N0} lines present, {events:N0} wanted, month {month:yyyy-MM}");
        if (present < events)
        {
            // Seeded with the service stopped (it created the tables): the seeder closes each day when its lines are in,
            // as the service does after a day ends, and the service's own closing must not close the month ahead of it.
            var projection = allocation.Services.GetRequiredService<LedgerProjection>();
            await allocation.DisposeAsync();
            await using var seeding = BookingDatabase.Create(connection);
            var ledger = new SyntheticLedger(seed: 42, month, events);
            long lastShown = 0;
            var took = await LedgerSeeder.SeedAsync(seeding, projection, new DailyRollupCloser(seeding), ledger, pageSize: 5_000, workers: 2, progress: done =>
            {
                if (done - Interlocked.Read(ref lastShown) < events / 20 && done < events) return;
                Interlocked.Exchange(ref lastShown, done);
                Console.WriteLine($"  seeded {done:N0} / {events:N0}");
            });
            Console.WriteLine($"  time in lines insert {Stopwatch.GetElapsedTime(0, LedgerSeeder.InsertTicks).TotalSeconds:F1} s, rollups {Stopwatch.GetElapsedTime(0, LedgerSeeder.RollupTicks).TotalSeconds:F1} s, commit {Stopwatch.GetElapsedTime(0, LedgerSeeder.CommitTicks).TotalSeconds:F1} s (summed over workers)");
            Console.WriteLine($"seeding through the ledger projection: {events:N0} lines in {took.TotalSeconds:F0} s = {events / took.TotalSeconds:N0} lines/s (2 connections, pages of 5,000, each day closed after its lines)");
            await ExecuteAsync(seeding, $"VACUUM ANALYZE allocation.{LedgerTables.Lines}, allocation.{LedgerTables.Hourly}, allocation.{LedgerTables.Daily}, allocation.{LedgerTables.Statement}");
            allocation = await StartAllocationAsync();
            database = allocation.Services.GetRequiredService<NpgsqlDataSource>();
        }
        await using var _ = allocation;

        var settled = await BenchDatabase.SettleAsync(database, TimeSpan.FromMinutes(10));
        Console.WriteLine($"waited {settled.TotalSeconds:F0} s for the server's autovacuum workers to finish (earlier scenarios' rows)");
        var daily = await ScalarAsync<long>(database, $"SELECT count(*) FROM allocation.{LedgerTables.Daily}");
        var hourly = await ScalarAsync<long>(database, $"SELECT count(*) FROM allocation.{LedgerTables.Hourly}");
        Console.WriteLine($"rollups: {daily:N0} daily rows, {hourly:N0} hourly rows");

        var from = month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = month.AddMonths(1).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string Instant(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        (string Label, string Path)[] queries =
        [
            ("spend, one month by team and workflow", $"/api/v1/spend?from={from}&to={to}&groupBy=team,workflow"),
            ("spend, one month by model and day", $"/api/v1/spend?from={from}&to={to}&groupBy=model&granularity=day"),
            ("spend, 17 days with to-the-second edges by team", $"/api/v1/spend?from={Instant(month.AddDays(3).AddHours(10).AddMinutes(17).AddSeconds(23))}&to={Instant(month.AddDays(20).AddHours(15).AddMinutes(42).AddSeconds(5))}&groupBy=team"),
            ("spend, one team's month by workflow, model, environment", $"/api/v1/spend?from={from}&to={to}&groupBy=workflow,model,environment&team=team-03"),
            ("chargeback statement, one month", $"/api/v1/chargeback/{month:yyyy-MM}"),
        ];
        var results = new List<LatencyFigures>();
        foreach (var (_, path) in queries) results.Add(await QueryLatency.MeasureAsync(allocation.Address, AdminKey, path, requests));

        Console.WriteLine();
        Console.WriteLine($"| query ({events:N0} ledger events, {requests} sequential requests each) | p50 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (r, (label, _)) in results.Zip(queries))
        {
            Console.WriteLine($"| `{r.Query}` | {r.P50Ms:F1} | {r.P99Ms:F1} | {r.MaxMs:F1} |");
            BenchSummary.Add($"{label}, {events:N0} ledger events: p50 / p99", $"{r.P50Ms:F1} / {r.P99Ms:F1} ms{BenchSummary.InCopyRows(r.P99Ms)}", "p99 < 100 ms at 10M");
        }
        return 0;
    }
}
