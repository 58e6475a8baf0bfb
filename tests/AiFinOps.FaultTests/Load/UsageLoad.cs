using System.Diagnostics;
using AiFinOps.Client;
using AiFinOps.Contracts.Usage.V1;
using Grpc.Core;

namespace AiFinOps.FaultTests.Load;

/// <summary>
/// Sends a <see cref="UsagePlan"/> over gRPC with several batches in flight, paced to the load's rate, as an app using
/// the client library would: a batch that fails transiently (UNAVAILABLE, RESOURCE_EXHAUSTED, a refused or broken
/// connection — ingest killed, the broker down) is sent again with the very same event ids until it is answered OK.
/// Counts what ingest answered, so the scenario can check that every event was accepted once or reported duplicate.
/// </summary>
public sealed class UsageLoad(Uri ingest, string apiKey, LoadSettings settings)
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(10);
    private static readonly RetryBackoff Backoff = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2));
    private int answeredBatches;
    private long accepted, duplicates, retries;

    /// <summary>Share of the plan's batches answered OK so far (0 to 1): the scenarios fire their faults at marks of it.</summary>
    public double Progress(UsagePlan plan) => (double)Volatile.Read(ref answeredBatches) / plan.Batches.Count;

    public long Accepted => Interlocked.Read(ref accepted);

    public long Duplicates => Interlocked.Read(ref duplicates);

    public long Retries => Interlocked.Read(ref retries);

    public async Task SendAsync(UsagePlan plan, CancellationToken cancellationToken)
    {
        // The client library's channel: its keep-alive pings drop a connection that stopped answering (a proxy that
        // accepted it while the service behind was down), so the retries reconnect instead of waiting on it forever.
        using var channel = UsageIngestChannel.Create(ingest);
        var client = new UsageIngest.UsageIngestClient(channel);
        var headers = new Metadata { { "authorization", "Bearer " + apiKey } };
        var next = -1;
        var clock = Stopwatch.StartNew();
        long sent = 0;

        async Task Sender()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < plan.Batches.Count)
            {
                var batch = plan.Batches[index];
                if (settings.Rate > 0)
                {
                    var due = TimeSpan.FromSeconds(Interlocked.Add(ref sent, batch.Events.Count) / settings.Rate);
                    if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed, cancellationToken);
                }
                var result = await RecordUntilAnsweredAsync(client, batch, headers, cancellationToken);
                if (result.Rejected.Count > 0)
                    throw new InvalidOperationException($"ingest rejected {result.Rejected.Count} planned events, e.g. {result.Rejected[0]}");
                if (result.Accepted + result.Duplicates != batch.Events.Count)
                    throw new InvalidOperationException($"ingest answered {result.Accepted} accepted + {result.Duplicates} duplicates for a batch of {batch.Events.Count}");
                Interlocked.Add(ref accepted, result.Accepted);
                Interlocked.Add(ref duplicates, result.Duplicates);
                Interlocked.Increment(ref answeredBatches);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, settings.Senders).Select(_ => Task.Run(Sender, cancellationToken)));
    }

    private async Task<BatchResult> RecordUntilAnsweredAsync(UsageIngest.UsageIngestClient client, UsageBatch batch,
        Metadata headers, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await client.RecordBatchAsync(batch, headers, deadline: DateTime.UtcNow.AddSeconds(60), cancellationToken: cancellationToken);
            }
            catch (Exception e) when (RetryClassification.IsTransient(e) && started.Elapsed < GiveUpAfter && !cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref retries);
                await Task.Delay(RetryClassification.Pushback(e) ?? Backoff.Delay(Math.Min(attempt, 10), Random.Shared.NextDouble()), cancellationToken);
            }
        }
    }
}
