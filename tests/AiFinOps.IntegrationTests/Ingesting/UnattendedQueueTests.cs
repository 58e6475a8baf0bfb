using AiFinOps.Ingest.Recording;
using AiFinOps.Ingest.Recording.Backpressure;
using AiFinOps.IntegrationTests.Infrastructure;
using AiFinOps.IntegrationTests.Upgrading;
using Grpc.Core;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AiFinOps.IntegrationTests.Ingesting;

/// <summary>
/// A consumer's queue exists but nobody reads it (its service is down, or cannot start): ingest must not keep accepting
/// usage that would wait there unprocessed with nobody told why.
/// </summary>
public sealed class UnattendedQueueTests
{
    private static readonly Metadata Admin = AiFinOpsSystem.Bearer(AiFinOpsSystem.AdminKey);

    [Fact]
    public async Task A_batch_is_refused_unavailable_naming_the_queue_once_it_has_had_no_consumer_past_the_grace_period_and_accepted_when_one_is_back()
    {
        await using var system = await AiFinOpsSystem.WithoutConsumersAsync();
        var queue = ConsumerLagProbe.UsageQueue(system.MessagingPrefix, "allocation");
        var stopped = system.AllocationHost();
        _ = stopped.Server;
        await stopped.DisposeAsync();
        Assert.Equal(0u, (await BrokerQueues.ReadAsync(queue))?.Consumers);

        var ingest = system.Host<UsageRecorder>(verifyThroughIngest: false, web =>
        {
            web.UseSetting("Ingest:Backpressure:Consumers", "allocation");
            web.UseSetting("Ingest:Backpressure:ConsumerGrace", "00:00:01");
            web.UseSetting("Ingest:Backpressure:MaxWait", "00:00:03");
            web.UseSetting("Ingest:Backpressure:PollInterval", "00:00:00.050");
        });
        var client = system.IngestClient(ingest);
        // The grace period runs from ingest's first reading without a consumer: wait until it is over.
        var gate = ingest.Services.GetRequiredService<AdmissionGate>();
        await Eventually.Until(() => Task.FromResult(gate.Lag), l => l.Unattended.Any(u => l.ReadAt - u.Since > TimeSpan.FromSeconds(1)),
            "ingest has seen the queue without a consumer for longer than the grace period");
        var team = "unattended-" + Guid.NewGuid().ToString("N")[..8];
        var batch = Usage.Batch(Usage.Call(team), Usage.Call(team));

        var error = await Assert.ThrowsAsync<RpcException>(() => client.RecordBatchAsync(batch, Admin).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.StartsWith($"the usage pipeline is not processing: {queue} has had no consumer for ", error.Status.Detail);
        Assert.EndsWith("(allocation is down or cannot start — see its /health and log); nothing was recorded — retry with the same event_ids",
            error.Status.Detail);
        Assert.Equal("5000", error.Trailers.GetValue("grpc-retry-pushback-ms"));
        Assert.Equal(0u, (await BrokerQueues.ReadAsync(queue))?.Messages);

        var allocation = system.AllocationHost();
        _ = allocation.Server;
        var retry = await client.RecordBatchAsync(batch, Admin);
        Assert.Equal((2, 0), (retry.Accepted, retry.Duplicates)); // nothing of the refused call was claimed
        var spend = await Eventually.Until(() => SpendApi.ByTeamAsync(allocation, AiFinOpsSystem.AdminKey),
            s => s.TryGetValue(team, out var t) && t.Events >= 2, "allocation booked the batch");
        Assert.Equal(2, spend[team].Events);
    }
}
