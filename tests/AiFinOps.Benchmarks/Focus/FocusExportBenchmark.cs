using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using AiFinOps.Allocation;
using AiFinOps.Allocation.Ledger;
using AiFinOps.Benchmarks.Hosting;
using AiFinOps.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static AiFinOps.Benchmarks.Hosting.BenchDatabase;

namespace AiFinOps.Benchmarks.Focus;

/// <summary>
/// The FOCUS export of one month whose daily rollup has N rows (the ledger benchmark's ten million calls of a month
/// roll up to 17,856), through the real allocation service on Kestrel: time to the first byte, time to
/// the last, size, and the process's peak working set while it streams. The rollup is filled directly by SQL: the
/// export reads nothing else.
/// </summary>
public static class FocusExportBenchmark
{
    private const string Database = "aifinops_bench_focus";
    private const string AdminKey = "benchmark-admin-key-0123456789abcdef";

    public static async Task<int> RunAsync(int rows, int runs)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:aifinops"] = await BenchDatabase.PrepareAsync(Database, fresh: true),
            ["ConnectionStrings:messaging"] = BenchDatabase.RabbitMq,
            ["Messaging:Prefix"] = "bench-focus",
            ["AIFINOPS_ADMIN_KEY"] = AdminKey,
            // Allocation is the only usage consumer here.
            ["Ingest:Backpressure:Consumers"] = "allocation",
            ["Allocation:ExtraDimensions:0"] = "product",
        };
        await using var ingest = await InProcessService.StartAsync("AiFinOps.Ingest", settings, b => b.AddIngest(), a => a.UseIngest());
        settings["AIFINOPS_KEYS_URL"] = ingest.Address.ToString();
        await using var allocation = await InProcessService.StartAsync("AiFinOps.Allocation", settings, b => b.AddAllocation(), a => a.UseAllocation());
        var database = allocation.Services.GetRequiredService<NpgsqlDataSource>();

        var month = new DateTimeOffset(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-1);
        var seeding = Stopwatch.StartNew();
        await SeedAsync(database, month, rows);
        Console.WriteLine($"daily rollup: {rows:N0} rows of {month:yyyy-MM} seeded in {seeding.Elapsed.TotalSeconds:F1} s");

        using var http = new HttpClient { BaseAddress = allocation.Address, Timeout = TimeSpan.FromMinutes(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        Console.WriteLine();
        Console.WriteLine($"| format ({rows:N0} daily rollup rows) | FOCUS rows | size MB | first byte ms | total s | rows/s | peak working set MB |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var format in new[] { "csv", "parquet" })
        {
            for (var run = 0; run < runs; run++)
            {
                var figures = await MeasureAsync(http, $"/api/v1/exports/focus/{month:yyyy-MM}?format={format}");
                var focusRows = format == "csv" ? figures.Lines - 1 : figures.Lines;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {format} (run {run + 1}) | {(format == "csv" ? focusRows.ToString("N0", CultureInfo.InvariantCulture) : "")} | {figures.Bytes / 1e6:F1} | {figures.FirstByte.TotalMilliseconds:F0} | {figures.Total.TotalSeconds:F1} | {(format == "csv" ? (focusRows / figures.Total.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture) : "")} | {figures.PeakWorkingSet / 1e6:F0} |"));
            }
        }
        return 0;
    }

    private sealed record Figures(TimeSpan FirstByte, TimeSpan Total, long Bytes, long Lines, long PeakWorkingSet);

    private static async Task<Figures> MeasureAsync(HttpClient http, string path)
    {
        GC.Collect();
        var peak = 0L;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                try { await Task.Delay(50, sampling.Token); } catch (OperationCanceledException) { }
            }
        });

        var clock = Stopwatch.StartNew();
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[1 << 16];
        long bytes = 0, lines = 0;
        TimeSpan? firstByte = null;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            firstByte ??= clock.Elapsed;
            bytes += read;
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }
        var total = clock.Elapsed;
        await sampling.CancelAsync();
        await sampler;
        return new Figures(firstByte ?? total, total, bytes, lines, peak);
    }

    /// <summary>
    /// Rows shaped like the ledger benchmark's rollup: 12 teams × 4 workflows × models × environments × tiers × a
    /// product tag, spread over the month's days; each row with input, cache-read and output tokens and their list costs.
    /// </summary>
    private static async Task SeedAsync(NpgsqlDataSource database, DateTimeOffset month, int rows)
    {
        var days = DateTime.DaysInMonth(month.Year, month.Month);
        await ExecuteAsync(database, $"""
            INSERT INTO {AllocationModule.Schema}.{LedgerTables.Daily} (bucket, billing_period, charge_class, team, workflow, environment,
                provider, model, service_tier, cost_centre_tag, extra, events, unpriced_events, input_tokens, output_tokens,
                cache_read_tokens, cache_write_tokens, reasoning_tokens, list_cost_usd, effective_cost_usd, billed_cost_usd,
                reported_events, reported_cost_usd, billed_drift_usd, {string.Join(", ", LedgerTables.ListCostByTokenType)})
            SELECT bucket, '{month:yyyy-MM}', '', team, workflow, environment, 'openai', model, tier, '', extra, events, 0,
                input, output, cache_read, 0, 0, list, list, list, 0, 0, 0,
                (input - cache_read) * 2.5 / 1e6, cache_read * 1.25 / 1e6, 0, output * 10.0 / 1e6, 0
            FROM (
                SELECT timestamptz '{month:yyyy-MM-dd}T00:00:00Z' + (i % {days}) * interval '1 day' AS bucket,
                       'team-' || lpad((((i / {days}) % 12) + 1)::text, 2, '0') AS team,
                       'wf-' || (i / {days}) AS workflow,
                       (ARRAY['prod', 'staging', 'dev'])[(i / {days}) % 3 + 1] AS environment,
                       (ARRAY['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'o4-mini'])[(i / {days}) % 4 + 1] AS model,
                       CASE WHEN i % 10 = 0 THEN 'batch' ELSE 'standard' END AS tier,
                       CASE WHEN i % 3 = 0 THEN jsonb_build_object('product', 'p' || (i % 4)) ELSE jsonb_build_object() END AS extra,
                       100 + i % 400 AS events,
                       (100 + i % 400) * (2000 + i % 30000)::bigint AS input,
                       (100 + i % 400) * (200 + i % 2500)::bigint AS output,
                       (100 + i % 400) * (i % 900)::bigint AS cache_read,
                       ((100 + i % 400) * ((2000 + i % 30000) - (i % 900)) * 2.5 + (100 + i % 400) * (i % 900) * 1.25
                        + (100 + i % 400) * (200 + i % 2500) * 10.0) / 1e6 AS list
                FROM generate_series(0, {rows - 1}) AS i) AS generated
            """);
        await ExecuteAsync(database, $"VACUUM ANALYZE {AllocationModule.Schema}.{LedgerTables.Daily}");
    }
}
