using AiFinOps.Contracts.Usage.V1;
using AiFinOps.Ingest.Recording;
using AiFinOps.Ingest.Recording.Backpressure;
using AiFinOps.IntegrationTests.Infrastructure;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AiFinOps.IntegrationTests.Ingesting;

/// <summary>
/// A fresh installation: ingest runs before its consumers have ever started, so their queues do not exist and the
/// broker would confirm a batch and drop it. Ingest must refuse such a batch whole, claim nothing, and count it once
/// the consumers are there.
/// </summary>
public sealed class FirstStartTests
{
    private static readonly Metadata Admin = AiFinOpsSystem.Bearer(AiFinOpsSystem.AdminKey);

    [Fact]
    public async Task A_batch_waits_while_a_consumer_has_never_started_is_refused_unavailable_and_counted_once_it_has()
    {
        await using var system = await AiFinOpsSystem.WithoutConsumersAsync();
        _ = system.Allocation.Server;
        _ = system.Anomaly.Server;
        var client = system.IngestClient(Ingest(system, web => web.UseSetting("Ingest:Backpressure:MaxWait", "00:00:02")));
        var team = "first-start-" + Guid.NewGuid().ToString("N")[..8];
        var batch = Usage.Batch(Usage.Call(team), Usage.Call(team), Usage.Call(team));

        var error = await Assert.ThrowsAsync<RpcException>(() => client.RecordBatchAsync(batch, Admin).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal($"the usage pipeline is not ready: {ConsumerLagProbe.UsageQueue(system.MessagingPrefix, "budgeting")} does not exist yet " +
            "(budgeting has never started); nothing was recorded — retry with the same event_ids", error.Status.Detail);
        Assert.Equal("5000", error.Trailers.GetValue("grpc-retry-pushback-ms"));

        _ = system.Budgeting.Server;
        var retry = await client.RecordBatchAsync(batch, Admin);
        Assert.Equal(3, retry.Accepted); // nothing of the refused call was claimed: the same events are new
        Assert.Equal(0, retry.Duplicates);

        // Every consumer holds every event, once: the refused call published nothing.
        var accrued = await Eventually.Until(() => ReadApi.AccruedByTeamAsync(system.Budgeting, AiFinOpsSystem.AdminKey),
            a => a.TryGetValue(team, out var t) && t.Events >= 3, "budgeting accrued the batch");
        Assert.Equal(3, accrued[team].Events);
        var spend = await Eventually.Until(() => SpendApi.ByTeamAsync(system.Allocation, AiFinOpsSystem.AdminKey),
            s => s.TryGetValue(team, out var t) && t.Events >= 3, "allocation booked the batch");
        Assert.Equal(3, spend[team].Events);
        Assert.Equal(spend[team].ListCostUsd, accrued[team].ListCostUsd);
    }

    [Fact]
    public async Task A_batch_that_arrives_while_the_consumer_starts_waits_for_its_queue_and_goes_through()
    {
        await using var system = await AiFinOpsSystem.WithoutConsumersAsync();
        _ = system.Allocation.Server;
        _ = system.Budgeting.Server;
        var client = system.IngestClient(Ingest(system, web => web.UseSetting("Ingest:Backpressure:MaxWait", "00:01:00")));
        var team = "first-start-" + Guid.NewGuid().ToString("N")[..8];

        var call = client.RecordBatchAsync(Usage.Batch(Usage.Call(team), Usage.Call(team)), Admin).ResponseAsync;
        await Task.Delay(TimeSpan.FromMilliseconds(600));
        Assert.False(call.IsCompleted, "the call should wait while anomaly's queue does not exist");

        _ = system.Anomaly.Server;
        Assert.Equal(2, (await call.WaitAsync(TimeSpan.FromSeconds(50))).Accepted);
        var spend = await Eventually.Until(() => SpendApi.ByTeamAsync(system.Allocation, AiFinOpsSystem.AdminKey),
            s => s.TryGetValue(team, out var t) && t.Events >= 2, "allocation booked the batch");
        Assert.Equal(2, spend[team].Events);
    }

    [Fact]
    public async Task Without_the_probe_a_batch_no_queue_receives_is_returned_by_the_broker_and_nothing_is_recorded()
    {
        await using var system = await AiFinOpsSystem.WithoutConsumersAsync();
        // Backpressure off: only the mandatory flag stands between the batch and the broker dropping it.
        var client = system.IngestClient(Ingest(system, web => web.UseSetting("Ingest:Backpressure:Enabled", "false")));
        var team = "first-start-" + Guid.NewGuid().ToString("N")[..8];
        var batch = Usage.Batch(Usage.Call(team), Usage.Call(team));

        var error = await Assert.ThrowsAsync<RpcException>(() => client.RecordBatchAsync(batch, Admin).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.StartsWith("the usage pipeline is not ready: no consumer's queue receives UsageBatchPriced yet", error.Status.Detail);
        Assert.Contains("nothing was recorded", error.Status.Detail);

        _ = system.Allocation.Server;
        var retry = await client.RecordBatchAsync(batch, Admin);
        Assert.Equal(2, retry.Accepted);
        Assert.Equal(0, retry.Duplicates);
        var spend = await Eventually.Until(() => SpendApi.ByTeamAsync(system.Allocation, AiFinOpsSystem.AdminKey),
            s => s.TryGetValue(team, out var t) && t.Events >= 2, "allocation booked the batch");
        Assert.Equal(2, spend[team].Events);
    }

    [Fact]
    public async Task Outcomes_sent_before_reporting_first_started_are_returned_by_the_broker_and_nothing_is_recorded()
    {
        await using var system = await AiFinOpsSystem.WithoutConsumersAsync();
        // Reporting deployed but never started; without the probe only the mandatory flag stands.
        var client = system.IngestClient(Ingest(system, web =>
        {
            web.UseSetting("Ingest:Backpressure:Consumers", "reporting");
            web.UseSetting("Ingest:Backpressure:Enabled", "false");
        }));
        var batch = new OutcomeBatch();
        batch.Outcomes.Add(new OutcomeEvent
        {
            EventId = Guid.NewGuid().ToString(),
            OccurredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-1)),
            Workflow = "first-start",
            Team = "first-start",
            Unit = "ticket",
            Quantity = 1,
        });

        var error = await Assert.ThrowsAsync<RpcException>(() => client.RecordOutcomesAsync(batch, Admin).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("no consumer's queue receives OutcomeBatchRecorded yet", error.Status.Detail);

        // Nothing was claimed: the system's own ingest (reporting not deployed there) takes the same outcome as new.
        var retry = await system.IngestClient().RecordOutcomesAsync(batch, Admin);
        Assert.Equal((1, 0), (retry.Accepted, retry.Duplicates));
    }

    /// <summary>An ingest of <paramref name="system"/> that polls its consumers' queues every 50 ms.</summary>
    private static WebApplicationFactory<UsageRecorder> Ingest(AiFinOpsSystem system, Action<Microsoft.AspNetCore.Hosting.IWebHostBuilder> configure) =>
        system.Host<UsageRecorder>(verifyThroughIngest: false, web =>
        {
            web.UseSetting("Ingest:Backpressure:PollInterval", "00:00:00.050");
            configure(web);
        });
}
