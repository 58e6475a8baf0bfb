using AiFinOps.Ingest.Recording;
using AiFinOps.Ingest.Recording.Backpressure;
using AiFinOps.IntegrationTests.Infrastructure;
using Grpc.Core;
using MassTransit;
using Microsoft.AspNetCore.Mvc.Testing;
using RabbitMQ.Client;

namespace AiFinOps.IntegrationTests.Ingesting;

public sealed class BackpressureTests(AiFinOpsSystem system) : IClassFixture<AiFinOpsSystem>
{
    [Fact]
    public void Ingest_watches_the_queues_the_usage_consumers_really_read()
    {
        var prefix = system.MessagingPrefix;
        Assert.Equal(Expected<Allocation.Ledger.RecordingUsage.UsageBatchPricedConsumer>(prefix, "allocation"), ConsumerLagProbe.UsageQueue(prefix, "allocation"));
        Assert.Equal(Expected<Budgeting.Spend.RecordingSpend.UsageBatchPricedConsumer>(prefix, "budgeting"), ConsumerLagProbe.UsageQueue(prefix, "budgeting"));
        Assert.Equal(Expected<Anomaly.Calls.ObservingCalls.UsageBatchPricedConsumer>(prefix, "anomaly"), ConsumerLagProbe.UsageQueue(prefix, "anomaly"));
        Assert.Equal(Expected<global::AiFinOps.Reporting.Usage.RecordingUsage.UsageBatchPricedConsumer>(prefix, "reporting"), ConsumerLagProbe.UsageQueue(prefix, "reporting"));
        Assert.Equal(["allocation", "budgeting", "anomaly", "reporting"], BackpressureOptions.UsageConsumers);
    }

    [Fact]
    public async Task A_batch_is_refused_resource_exhausted_while_a_usage_queue_stays_full_and_accepted_once_it_drains()
    {
        await using var backlog = await FullQueueAsync(messages: 3);
        var client = system.IngestClient(Gated(backlog.Consumer, maxWait: TimeSpan.FromSeconds(1)));
        var batch = Usage.Batch(Usage.Call("backpressure"), Usage.Call("backpressure"));

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            client.RecordBatchAsync(batch, AiFinOpsSystem.Bearer(AiFinOpsSystem.AdminKey)).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains($"3 messages wait in {backlog.Queue}", error.Status.Detail);
        Assert.Contains("nothing was recorded", error.Status.Detail);
        Assert.Equal("1000", error.Trailers.GetValue("grpc-retry-pushback-ms"));

        await backlog.DrainAsync();
        var retry = await client.RecordBatchAsync(batch, AiFinOpsSystem.Bearer(AiFinOpsSystem.AdminKey));
        Assert.Equal(2, retry.Accepted); // nothing of the refused call was claimed: the same events are new
        Assert.Equal(0, retry.Duplicates);
    }

    [Fact]
    public async Task A_batch_waits_for_room_and_goes_through_when_the_consumer_catches_up()
    {
        await using var backlog = await FullQueueAsync(messages: 3);
        var client = system.IngestClient(Gated(backlog.Consumer, maxWait: TimeSpan.FromSeconds(30)));
        var batch = Usage.Batch(Usage.Call("backpressure"));

        var call = client.RecordBatchAsync(batch, AiFinOpsSystem.Bearer(AiFinOpsSystem.AdminKey)).ResponseAsync;
        await Task.Delay(TimeSpan.FromMilliseconds(600));
        Assert.False(call.IsCompleted, "the call should wait while the queue is full");

        await backlog.DrainAsync();
        var result = await call.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(1, result.Accepted);
    }

    private WebApplicationFactory<UsageRecorder> Gated(string consumer, TimeSpan maxWait) =>
        system.Host<UsageRecorder>(verifyThroughIngest: false, web =>
        {
            web.UseSetting("Ingest:Backpressure:Consumers", consumer);
            web.UseSetting("Ingest:Backpressure:MaxBacklog", "3");
            web.UseSetting("Ingest:Backpressure:MaxWait", maxWait.ToString());
            web.UseSetting("Ingest:Backpressure:PollInterval", "00:00:00.050");
        });

    private static string Expected<TConsumer>(string prefix, string service) where TConsumer : class, IConsumer =>
        new KebabCaseEndpointNameFormatter($"{prefix}-{service}", false).Consumer<TConsumer>();

    /// <summary>A usage queue of a made-up consumer service holding <paramref name="messages"/> messages nobody reads.</summary>
    private async Task<Backlog> FullQueueAsync(int messages)
    {
        var consumer = $"lagging-{Guid.NewGuid():N}"[..16];
        var queue = ConsumerLagProbe.UsageQueue(system.MessagingPrefix, consumer);
        var connection = await new ConnectionFactory { Uri = new Uri(TestServers.RabbitMq) }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(queue, durable: false, exclusive: false, autoDelete: false);
        for (var i = 0; i < messages; i++)
            await channel.BasicPublishAsync("", queue, new ReadOnlyMemory<byte>([1, 2, 3]));
        return new Backlog(consumer, queue, connection, channel);
    }

    private sealed record Backlog(string Consumer, string Queue, IConnection Connection, IChannel Channel) : IAsyncDisposable
    {
        public Task DrainAsync() => Channel.QueuePurgeAsync(Queue);

        public async ValueTask DisposeAsync()
        {
            await Channel.QueueDeleteAsync(Queue);
            await Channel.CloseAsync();
            await Connection.CloseAsync();
            Channel.Dispose();
            Connection.Dispose();
        }
    }
}
