using System.Diagnostics;
using AiFinOps.Allocation;
using AiFinOps.Anomaly;
using AiFinOps.Benchmarks.Hosting;
using AiFinOps.Budgeting;
using AiFinOps.Ingest;
using AiFinOps.ServiceDefaults.Security;
using MassTransit;
using Npgsql;
using static AiFinOps.Benchmarks.Hosting.BenchDatabase;

namespace AiFinOps.Benchmarks.Throughput;

/// <summary>
/// Issue 9's throughput figure: ingest, allocation, budgeting and anomaly in this process on their real Kestrel
/// servers against the real PostgreSQL and RabbitMQ; <c>senders</c> gRPC clients record the CLI's synthetic usage for
/// <c>seconds</c>. Reports the rate ingest accepted, the batch round trip, each consumer's queue backlog over time (lag
/// growing or not), the time to drain after the load and the end-to-end rate (accepted ÷ time until every consumer
/// had processed everything), CPU seconds per 1,000 events split between the services, PostgreSQL and RabbitMQ, and
/// the machine's raw COPY rate as the yardstick. Ends with an exact reconciliation: every consumer holds exactly the
/// accepted events. With <c>warmUp</c>, the system first runs at a moderate load until the runtime has compiled its hot
/// code (<see cref="WarmUp"/>) and the consumers have caught up; every figure is then measured over the load after it,
/// and the reconciliation counts the warm-up's events too.
/// </summary>
public static class ThroughputBenchmark
{
    /// <summary>
    /// The default load, 7 minutes: longer than the warm-up and anomaly's idle window (5 minutes) together, so runs close
    /// during it and the tables grow past what a minute's load touches — a rate that holds only for a minute is not sustained.
    /// </summary>
    public const string DefaultSeconds = "420";

    private const string Database = "aifinops_bench_throughput";
    private const string AdminKey = "benchmark-admin-key-0123456789abcdef";
    private const string Prefix = "bench-tp";

    private static readonly Dictionary<string, string> Processed = new()
    {
        ["allocation"] = "SELECT coalesce(sum(events), 0)::bigint FROM allocation.ledger_lines",
        ["budgeting"] = "SELECT coalesce(sum(events), 0)::bigint FROM budgeting.accrued_spend",
        ["anomaly"] = "SELECT count(*) FROM anomaly.observed_calls",
    };

    /// <summary>
    /// How far a consumer got, polled every 500 ms while draining, so cheap that it does not weigh on the CPU being
    /// measured: allocation's hourly rollup is written in the same transaction as its ledger lines with a fraction of
    /// their rows (summing the ledger itself scanned every line each poll: ~0.1 s of PostgreSQL CPU at 70,000 events;
    /// the daily rollups hold only closed days, not today's).
    /// The exact reconciliation still reads <see cref="Processed"/>, once, after the measurement.
    /// </summary>
    private static string Progress(string consumer) => consumer == "allocation"
        ? "SELECT coalesce(sum(events), 0)::bigint FROM allocation.spend_hourly"
        : Processed[consumer];

    public static async Task<int> RunAsync(TimeSpan duration, int senders, int batchSize, double? rate, IReadOnlyCollection<string> consumers, int copyRows, TimeSpan warmUp)
    {
        var connectionString = await PrepareAsync(Database, fresh: true);
        await using var database = NpgsqlDataSource.Create(connectionString);
        Console.WriteLine($"measuring the raw PostgreSQL COPY rate ({copyRows:N0} usage-shaped rows, fsync on)");
        var copyRate = await CopyRate.MeasureAsync(database, copyRows);
        Console.WriteLine($"COPY: {copyRate:N0} rows/s");
        BenchSummary.CopyRowsPerSecond = copyRate;

        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:aifinops"] = connectionString,
            ["ConnectionStrings:messaging"] = RabbitMq,
            ["Messaging:Prefix"] = Prefix,
            ["AIFINOPS_ADMIN_KEY"] = AdminKey,
            // Exactly the consumers started below; --ingest-only: none, and the usage is published to no one on purpose.
            ["Ingest:Backpressure:Consumers"] = string.Join(',', consumers.Where(c => Processed.ContainsKey(c))),
        };
        var services = new List<InProcessService>();
        try
        {
            var ingest = await InProcessService.StartAsync("AiFinOps.Ingest", settings, b => b.AddIngest(), a => a.UseIngest(), grpc: true);
            services.Add(ingest);
            settings["AIFINOPS_KEYS_URL"] = ingest.Address.ToString();
            var queues = new Dictionary<string, string>();
            if (consumers.Contains("allocation"))
            {
                services.Add(await InProcessService.StartAsync("AiFinOps.Allocation", settings, b => b.AddAllocation(), a => a.UseAllocation()));
                queues["allocation"] = Queue<Allocation.Ledger.RecordingUsage.UsageBatchPricedConsumer>("allocation");
            }
            if (consumers.Contains("budgeting"))
            {
                services.Add(await InProcessService.StartAsync("AiFinOps.Budgeting", settings, b => { b.AddApiKeySecurity(); b.AddBudgeting(); }, a => a.UseBudgeting()));
                queues["budgeting"] = Queue<Budgeting.Spend.RecordingSpend.UsageBatchPricedConsumer>("budgeting");
            }
            if (consumers.Contains("anomaly"))
            {
                services.Add(await InProcessService.StartAsync("AiFinOps.Anomaly", settings, b => { b.AddApiKeySecurity(); b.AddAnomaly(); }, a => a.UseAnomaly()));
                queues["anomaly"] = Queue<Anomaly.Calls.ObservingCalls.UsageBatchPricedConsumer>("anomaly");
            }
            var statements = await SqlProfile.StartAsync(database);
            await using var backlog = await ConsumerBacklog.OpenAsync(new Uri(RabbitMq), queues);
            var cpu = await ProcessCpu.FindAsync(database, new Uri(RabbitMq));

            var (warmAccepted, warmFailed) = warmUp > TimeSpan.Zero
                ? await WarmUp.RunAsync(ingest.GrpcAddress!, AdminKey, senders, batchSize, warmUp)
                : (0, 0);
            if (warmAccepted > 0)
            {
                var caughtUp = await DrainAsync(database, queues.Keys, warmAccepted);
                Console.WriteLine($"consumers caught up with the warm-up {caughtUp.Values.DefaultIfEmpty(0).Max():F1} s after it");
            }
            var jitBefore = System.Runtime.JitInfo.GetCompilationTime();
            var gcBefore = GcActivity.Read();
            Console.WriteLine($"load: {senders} gRPC senders, batches of {batchSize}, {(rate is { } r ? $"{r:N0} events/s" : "unthrottled")}, for {duration.TotalSeconds:F0} s");
            var load = new LoadSenders(ingest.GrpcAddress!, AdminKey, senders, batchSize, rate);
            using var stop = new CancellationTokenSource(duration);
            var clock = Stopwatch.StartNew();
            var before = cpu.Read();
            var walBefore = await WalVolume.ReadAsync(database);
            var sending = load.RunAsync(stop.Token);
            var samples = new List<(double Seconds, long Accepted, Dictionary<string, uint> Backlog, ProcessCpu.Sample Cpu)>();
            while (!sending.IsCompleted)
            {
                await Task.WhenAny(sending, Task.Delay(1_000));
                var sample = (clock.Elapsed.TotalSeconds, load.Accepted, await backlog.ReadAsync(), cpu.Read(memory: samples.Count % 5 == 4));
                samples.Add(sample);
                if (samples.Count % 5 == 0)
                    Console.WriteLine($"  {sample.Item1,5:F0} s  accepted {sample.Item2,11:N0}  backlog (messages) {string.Join(", ", sample.Item3.Select(b => $"{b.Key} {b.Value}"))}");
            }
            await sending;
            var loadSeconds = clock.Elapsed.TotalSeconds;
            var loadCpu = cpu.Read().Minus(before);
            var wal = (await WalVolume.ReadAsync(database)).Minus(walBefore);
            var accepted = load.Accepted;
            Console.WriteLine($"load stopped after {loadSeconds:F1} s: {accepted:N0} accepted, {load.Duplicates:N0} duplicates, {load.Rejected:N0} rejected, {load.Failed:N0} failed; draining");

            var jitDuringLoad = System.Runtime.JitInfo.GetCompilationTime() - jitBefore;
            var gc = GcActivity.Read().Minus(gcBefore);
            var drained = await DrainAsync(database, queues.Keys, warmAccepted + accepted);
            var totalCpu = cpu.Read().Minus(before);
            var held = new Dictionary<string, long>();
            foreach (var consumer in queues.Keys) held[consumer] = await ScalarAsync<long>(database, Processed[consumer]);
            var endToEnd = drained.Count == queues.Count ? accepted / (loadSeconds + drained.Values.DefaultIfEmpty(0).Max()) : double.NaN;

            var latencies = load.Latencies().Order().ToList();
            var acceptedRate = accepted / loadSeconds;
            Console.WriteLine();
            Console.WriteLine("| figure | value |");
            Console.WriteLine("|---|---|");
            Console.WriteLine($"| raw PostgreSQL COPY (usage-shaped rows, logged table with primary key) | {copyRate:N0} rows/s |");
            Console.WriteLine($"| accepted by ingest ({senders} senders × batches of {batchSize}, {(rate is null ? "unthrottled" : $"asked {rate:N0}/s")}) | {acceptedRate:N0} events/s ({acceptedRate / copyRate:P0} of COPY) |");
            Console.WriteLine($"| gRPC batch round trip p50 / p99 / max | {Percentile(latencies, 0.5):F0} / {Percentile(latencies, 0.99):F0} / {latencies.LastOrDefault():F0} ms |");
            foreach (var consumer in queues.Keys)
            {
                var depth = Quarters(samples.Select(s => (double)s.Backlog[consumer]).ToList());
                Console.WriteLine($"| {consumer}: backlog at ¼ ½ ¾ end of the load (messages of ≤ {batchSize}) | {depth} |");
                Console.WriteLine(drained.TryGetValue(consumer, out var seconds)
                    ? $"| {consumer}: drained after the load in | {seconds:F1} s |"
                    : $"| {consumer}: NOT drained in 15 min (holds {held.GetValueOrDefault(consumer):N0} of {warmAccepted + accepted:N0}) | — |");
            }
            if (queues.Count > 0)
                Console.WriteLine($"| **end to end** (accepted ÷ time until every consumer held all of it) | {endToEnd:N0} events/s ({endToEnd / copyRate:P0} of COPY) |");
            Console.WriteLine($"| CPU s per 1,000 events during the load: services / PostgreSQL / RabbitMQ | {Per1000(loadCpu.Services, accepted)} / {Per1000(loadCpu.Postgres, accepted)} / {Per1000(loadCpu.RabbitMq, accepted)} |");
            Console.WriteLine($"| CPU s per 1,000 events, load and drain: services / PostgreSQL / RabbitMQ | {Per1000(totalCpu.Services, accepted)} / {Per1000(totalCpu.Postgres, accepted)} / {Per1000(totalCpu.RabbitMq, accepted)} |");
            Console.WriteLine($"| PostgreSQL write-ahead log during the load | {wal.Describe(accepted)} |");
            Console.WriteLine($"| runtime JIT compiling during the load (services process) | {jitDuringLoad.TotalSeconds:F1} s{(warmUp > TimeSpan.Zero ? $" (after a warm-up of {warmAccepted:N0} events)" : " (no warm-up)")} |");
            Console.WriteLine($"| .NET garbage collection during the load (services process) | {gc.Describe(accepted)} |");
            Console.WriteLine($"| peak memory (PSS): services process / PostgreSQL (all backends) / RabbitMQ | {samples.Max(s => s.Cpu.ServicesRss) / 1048576:N0} / {samples.Max(s => s.Cpu.PostgresRss) / 1048576:N0} / {samples.Max(s => s.Cpu.RabbitMqRss) / 1048576:N0} MB |");

            if (statements is not null) await statements.PrintAsync(15);

            var exact = queues.Keys.All(c => held.GetValueOrDefault(c) == warmAccepted + accepted);
            Console.WriteLine($"| reconciliation (each consumer holds exactly the accepted events) | {(queues.Count == 0 ? "n/a" : exact ? "exact" : "MISMATCH: " + string.Join(", ", held.Select(h => $"{h.Key} {h.Value:N0}")))} |");
            var peakMb = (ServicesMb: samples.Max(s => s.Cpu.ServicesRss) / 1048576.0, PostgresMb: samples.Max(s => s.Cpu.PostgresRss) / 1048576.0,
                RabbitMqMb: samples.Max(s => s.Cpu.RabbitMqRss) / 1048576.0);
            BenchSummary.Add("raw PostgreSQL COPY (the yardstick)", $"{copyRate:N0} rows/s");
            if (queues.Count > 0)
                BenchSummary.Add($"end to end through {string.Join(", ", queues.Keys)}{(warmAccepted > 0 ? ", sustained (after the warm-up)" : "")} (reconciliation {(exact ? "exact" : "MISMATCH")})",
                    $"{endToEnd:N0} events/s ({endToEnd / copyRate:P1} of COPY)", "≥ 20,000 events/s");
            BenchSummary.Add("accepted by ingest", $"{acceptedRate:N0} events/s ({acceptedRate / copyRate:P1} of COPY)");
            BenchSummary.Add($"gRPC batch ({batchSize} events) p50 / p99", $"{Percentile(latencies, 0.5):F0} / {Percentile(latencies, 0.99):F0} ms{BenchSummary.InCopyRows(Percentile(latencies, 0.99))}");
            BenchSummary.Add("CPU s per 1,000 events (load and drain): services + PostgreSQL + RabbitMQ",
                $"{(totalCpu.Services + totalCpu.Postgres + totalCpu.RabbitMq) / Math.Max(1, accepted) * 1000:F3}", "≈ 0.1 for 20,000/s on 2 cores");
            BenchSummary.Add("peak memory (PSS): services process / PostgreSQL / RabbitMQ = stack",
                $"{peakMb.ServicesMb:N0} / {peakMb.PostgresMb:N0} / {peakMb.RabbitMqMb:N0} = {peakMb.ServicesMb + peakMb.PostgresMb + peakMb.RabbitMqMb:N0} MB", "< 3 GB");
            return load.Failed + warmFailed == 0 && (queues.Count == 0 || exact) ? 0 : 1;
        }
        finally
        {
            foreach (var service in Enumerable.Reverse(services)) await service.DisposeAsync();
        }
    }

    /// <summary>Seconds until each consumer held <paramref name="events"/> (polled every 500 ms; at most 15 minutes: missing then).</summary>
    private static async Task<Dictionary<string, double>> DrainAsync(NpgsqlDataSource database, IEnumerable<string> consumers, long events)
    {
        var waiting = consumers.ToList();
        var drained = new Dictionary<string, double>();
        var clock = Stopwatch.StartNew();
        while (waiting.Count > 0 && clock.Elapsed < TimeSpan.FromMinutes(15))
        {
            foreach (var consumer in waiting.ToList())
            {
                if (await ScalarAsync<long>(database, Progress(consumer)) < events) continue;
                drained[consumer] = clock.Elapsed.TotalSeconds;
                waiting.Remove(consumer);
            }
            if (waiting.Count > 0) await Task.Delay(500);
        }
        return drained;
    }

    private static string Queue<TConsumer>(string service) where TConsumer : class, IConsumer =>
        new KebabCaseEndpointNameFormatter($"{Prefix}-{service}", false).Consumer<TConsumer>();

    private static string Quarters(List<double> values) =>
        values.Count == 0 ? "—" : string.Join(" · ", new[] { 0.25, 0.5, 0.75, 1.0 }.Select(q => values[Math.Max(0, (int)Math.Ceiling(q * values.Count) - 1)].ToString("N0", System.Globalization.CultureInfo.InvariantCulture)));

    private static string Per1000(double cpuSeconds, long events) => events == 0 ? "—" : (cpuSeconds * 1000 / events).ToString("F3", System.Globalization.CultureInfo.InvariantCulture);

    private static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
