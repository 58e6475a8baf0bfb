using System.Diagnostics;
using AiFinOps.Cli.Emitting;
using AiFinOps.Contracts.Usage.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace AiFinOps.Benchmarks.Throughput;

/// <summary>
/// The load: <c>senders</c> concurrent clients, each generating the CLI's realistic synthetic usage (its own seed) and
/// recording it over gRPC in batches, as fast as ingest answers or at an even share of <c>rate</c>. Every batch's
/// round trip is timed. Load senders started one after the other in a run need different <paramref name="seedBase"/>s.
/// </summary>
public sealed class LoadSenders(Uri endpoint, string apiKey, int senders, int batchSize, double? rate, int seedBase = 1_000)
{
    private readonly List<double>[] latencies = Enumerable.Range(0, senders).Select(_ => new List<double>()).ToArray();
    private long accepted, duplicates, rejected, failed;

    public long Accepted => Interlocked.Read(ref accepted);
    public long Duplicates => Interlocked.Read(ref duplicates);
    public long Rejected => Interlocked.Read(ref rejected);
    public long Failed => Interlocked.Read(ref failed);

    /// <summary>Batch round trips in milliseconds, from the start of the call to its answer.</summary>
    public List<double> Latencies() => latencies.SelectMany(l => { lock (l) return l.ToList(); }).ToList();

    public Task RunAsync(CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, senders).Select(i => Task.Run(() => SendAsync(i, stop), CancellationToken.None)));

    private async Task SendAsync(int sender, CancellationToken stop)
    {
        using var channel = GrpcChannel.ForAddress(endpoint);
        var client = new UsageIngest.UsageIngestClient(channel);
        var headers = new Metadata { { "authorization", $"Bearer {apiKey}" } };
        var generator = new SyntheticUsage(seed: seedBase + sender);
        var clock = Stopwatch.StartNew();
        long sent = 0;
        while (!stop.IsCancellationRequested)
        {
            if (rate is { } r && sent >= clock.Elapsed.TotalSeconds * r / senders)
            {
                await Task.Delay(5, CancellationToken.None);
                continue;
            }
            var batch = new UsageBatch();
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < batchSize; i++) batch.Events.Add(generator.Next(now).Usage);
            var started = Stopwatch.GetTimestamp();
            try
            {
                var result = await client.RecordBatchAsync(batch, headers, DateTime.UtcNow.AddSeconds(60), CancellationToken.None);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                lock (latencies[sender]) latencies[sender].Add(elapsed);
                Interlocked.Add(ref accepted, result.Accepted);
                Interlocked.Add(ref duplicates, result.Duplicates);
                Interlocked.Add(ref rejected, result.Rejected.Count);
            }
            catch (RpcException exception)
            {
                Interlocked.Add(ref failed, batchSize);
                Console.Error.WriteLine($"sender {sender}: batch failed {exception.StatusCode}: {exception.Status.Detail}");
            }
            sent += batchSize;
        }
    }
}
