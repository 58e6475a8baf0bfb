using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AiFinOps.Allocation;
using AiFinOps.Anomaly;
using AiFinOps.Benchmarks.Hosting;
using AiFinOps.Budgeting;
using AiFinOps.Cli.Emitting;
using AiFinOps.Client;
using AiFinOps.Contracts.Usage.V1;
using AiFinOps.Ingest;
using AiFinOps.Notifications;
using AiFinOps.ServiceDefaults.Security;
using AiFinOps.Testing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static AiFinOps.Benchmarks.Hosting.BenchDatabase;

namespace AiFinOps.Benchmarks.Alerts;

/// <summary>
/// Issue 5's figure: how long after the usage that crosses a budget is accepted does its alert reach a webhook, while
/// the system ingests at full speed. Ingest, allocation, budgeting, anomaly and notifications run in this process on
/// their real Kestrel servers, against the real PostgreSQL and RabbitMQ; the CLI's synthetic workload is emitted over
/// gRPC through the client library (batches of 500, 4 in flight) as fast as ingest accepts it, or at <c>--rate</c>.
/// Every <c>--interval</c> a probe call tagged <c>probe=pN</c> is recorded on its own; budget <c>probe-N</c> (scope
/// <c>tag:probe=pN</c>, $0.01, threshold 100 %) crosses with it. Latency = the webhook's arrival − the probe's accepted
/// gRPC answer. Afterwards the backlog each consumer still had is timed until drained.
/// </summary>
public static class AlertLatencyBenchmark
{
    private const string Database = "aifinops_bench_alerts";
    private const string AdminKey = "benchmark-admin-key-0123456789abcdef";

    public static async Task<int> RunAsync(int probes, TimeSpan interval, TimeSpan warmUp, double? rate)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:aifinops"] = await PrepareAsync(Database, fresh: true),
            ["ConnectionStrings:messaging"] = RabbitMq,
            ["Messaging:Prefix"] = "bench-alerts",
            ["AIFINOPS_ADMIN_KEY"] = AdminKey,
            // The usage consumers started below: ingest waits for their queues, and for no other.
            ["Ingest:Backpressure:Consumers"] = "allocation,budgeting,anomaly",
        };
        await using var ingest = await InProcessService.StartAsync("AiFinOps.Ingest", settings, b => b.AddIngest(), a => a.UseIngest(), grpc: true);
        settings["AIFINOPS_KEYS_URL"] = ingest.Address.ToString();
        await using var allocation = await InProcessService.StartAsync("AiFinOps.Allocation", settings, b => b.AddAllocation(), a => a.UseAllocation());
        await using var budgeting = await InProcessService.StartAsync("AiFinOps.Budgeting", settings, b => { b.AddApiKeySecurity(); b.AddBudgeting(); }, a => a.UseBudgeting());
        await using var anomaly = await InProcessService.StartAsync("AiFinOps.Anomaly", settings, b => { b.AddApiKeySecurity(); b.AddAnomaly(); }, a => a.UseAnomaly());
        await using var notifications = await InProcessService.StartAsync("AiFinOps.Notifications", settings, b => { b.AddApiKeySecurity(); b.AddNotifications(); }, a => a.UseNotifications());
        await using var webhook = await LoopbackWebhook.StartAsync();
        var database = budgeting.Services.GetRequiredService<NpgsqlDataSource>();

        await PostAsync(notifications.Address, "/api/v1/subscriptions", new
        {
            name = "bench-webhook",
            kind = "webhook",
            url = webhook.Url.ToString(),
            format = "json",
            filter = new { kinds = new[] { "budget.threshold" } },
        });
        for (var i = 0; i < probes; i++)
        {
            await PostAsync(budgeting.Address, "/api/v1/budgets", new
            {
                id = $"probe-{i}",
                name = $"Probe {i}",
                scope = $"tag:probe=p{i}",
                period = "monthly",
                amountUsd = 0.01m,
                thresholds = new[] { 100 },
                owner = "benchmark",
            });
        }
        Console.WriteLine($"{probes} probe budgets and the webhook subscription defined; warming up for {warmUp.TotalSeconds:F0} s");

        using var stop = new CancellationTokenSource();
        var emitter = UsageEmitter.Create(new UsageEmitterOptions
        {
            Endpoint = ingest.GrpcAddress!,
            ApiKey = AdminKey,
            BatchSize = 500,
            BufferCapacity = 20_000,
            MaxConcurrentBatches = 4,
        });
        var load = Stopwatch.StartNew();
        var emitting = EmitAsync(emitter, rate, load, stop.Token);

        await Task.Delay(warmUp);
        var acceptedBefore = emitter.Statistics.Accepted;
        var measured = Stopwatch.StartNew();
        using var channel = GrpcChannel.ForAddress(ingest.GrpcAddress!);
        var client = new UsageIngest.UsageIngestClient(channel);
        var headers = new Metadata { { "authorization", $"Bearer {AdminKey}" } };
        var accepted = new long[probes];
        var gRpc = new List<double>();
        for (var i = 0; i < probes; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await client.RecordBatchAsync(new UsageBatch { Events = { Probe(i) } }, headers);
            accepted[i] = Stopwatch.GetTimestamp();
            gRpc.Add(Stopwatch.GetElapsedTime(started, accepted[i]).TotalMilliseconds);
            await Task.Delay(interval);
        }
        var acceptedDuring = emitter.Statistics.Accepted - acceptedBefore;
        var loadSeconds = measured.Elapsed.TotalSeconds;

        var deadline = Stopwatch.StartNew();
        while (Enumerable.Range(0, probes).Any(i => !FirstArrivals(webhook).ContainsKey($"tag:probe=p{i}")) && deadline.Elapsed < TimeSpan.FromSeconds(60))
            await Task.Delay(100);
        await stop.CancelAsync();
        await emitting;
        await emitter.DisposeAsync();
        var totalAccepted = emitter.Statistics.Accepted + probes;
        Console.WriteLine($"load stopped after {load.Elapsed.TotalSeconds:F0} s; {totalAccepted:N0} events accepted; waiting for the consumers to drain");

        var drain = Stopwatch.StartNew();
        var drained = new Dictionary<string, double>();
        var counts = new Dictionary<string, string>
        {
            ["allocation"] = "SELECT coalesce(sum(events), 0)::bigint FROM allocation.ledger_lines",
            ["budgeting"] = "SELECT coalesce(sum(events), 0)::bigint FROM budgeting.accrued_spend",
        };
        while (drained.Count < counts.Count && drain.Elapsed < TimeSpan.FromMinutes(10))
        {
            foreach (var (service, sql) in counts.Where(c => !drained.ContainsKey(c.Key)))
                if (await ScalarAsync<long>(database, sql) >= totalAccepted) drained[service] = drain.Elapsed.TotalSeconds;
            await Task.Delay(250);
        }

        var arrivals = FirstArrivals(webhook);
        var latencies = Enumerable.Range(0, probes)
            .Select(i => arrivals.TryGetValue($"tag:probe=p{i}", out var at) ? Stopwatch.GetElapsedTime(accepted[i], at).TotalMilliseconds : (double?)null)
            .ToList();
        var arrived = latencies.Where(l => l is not null).Select(l => l!.Value).Order().ToList();
        Console.WriteLine();
        Console.WriteLine($"| figure ({probes} probes every {interval.TotalMilliseconds:F0} ms under load) | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| load accepted by ingest while probing | {acceptedDuring / loadSeconds:N0} events/s{(rate is { } r ? $" (asked {r:N0}/s)" : " (unthrottled)")} |");
        Console.WriteLine($"| alerts delivered to the webhook | {arrived.Count} of {probes} ({webhook.Received.Count} deliveries received) |");
        if (arrived.Count > 0)
        {
            Console.WriteLine($"| alert latency p50 / p99 / max (accepted → webhook) | {Percentile(arrived, 0.50):F0} / {Percentile(arrived, 0.99):F0} / {arrived[^1]:F0} ms |");
            BenchSummary.Add($"budget alert latency p50 / p99 (accepted → webhook, {arrived.Count} of {probes} delivered, load {acceptedDuring / loadSeconds:N0} events/s)",
                $"{Percentile(arrived, 0.50):F0} / {Percentile(arrived, 0.99):F0} ms", "p99 < 2 s");
        }
        var probeCalls = gRpc.Order().ToList();
        Console.WriteLine($"| probe gRPC call p50 / p99 (one event, under load) | {Percentile(probeCalls, 0.50):F1} / {Percentile(probeCalls, 0.99):F1} ms |");
        foreach (var service in counts.Keys)
        {
            Console.WriteLine(drained.TryGetValue(service, out var seconds)
                ? $"| {service}: backlog left when the load stopped, drained in | {seconds:F1} s |"
                : $"| {service}: backlog NOT drained within 10 min | — |");
        }
        Console.WriteLine($"| peak working set of the process (all five services, the emitter and the receiver) | {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024:N0} MB |");
        return arrived.Count == probes ? 0 : 1;
    }

    private static async Task EmitAsync(UsageEmitter emitter, double? rate, Stopwatch clock, CancellationToken stop)
    {
        await Task.Yield();
        var generator = new SyntheticUsage(seed: 42);
        long sent = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                if (rate is { } r && sent >= (long)(clock.Elapsed.TotalSeconds * r) + 1)
                {
                    await Task.Delay(1, stop);
                    continue;
                }
                await emitter.EmitAsync(generator.Next(DateTimeOffset.UtcNow).Usage, stop);
                sent++;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>A gpt-4o call of 20,000 input tokens ($0.05 at list price): over its probe budget of $0.01 on its own.</summary>
    private static UsageEvent Probe(int i) => new()
    {
        EventId = $"probe-{i}-{Guid.NewGuid():N}",
        OccurredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
        Provider = "openai",
        Model = "gpt-4o",
        InputTokens = 20_000,
        OutputTokens = 100,
        Team = "benchmark",
        Workflow = "probe",
        Environment = "prod",
        Tags = { ["probe"] = $"p{i}" },
    };

    private static async Task PostAsync(Uri service, string path, object body)
    {
        using var http = new HttpClient { BaseAddress = service };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        using var response = await http.PostAsJsonAsync(path, body);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>When each alert's first delivery arrived (Stopwatch ticks), by the alert's scope.</summary>
    private static Dictionary<string, long> FirstArrivals(LoopbackWebhook webhook) => webhook.Received
        .Where(d => d.Body.TryGetProperty("scope", out var scope) && scope.ValueKind == System.Text.Json.JsonValueKind.String)
        .GroupBy(d => d.Body.GetProperty("scope").GetString()!, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Min(d => d.ReceivedAt), StringComparer.Ordinal);
}
