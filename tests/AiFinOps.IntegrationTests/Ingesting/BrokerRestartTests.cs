using AiFinOps.Ingest.Recording;
using AiFinOps.IntegrationTests.Infrastructure;
using Grpc.Core;

namespace AiFinOps.IntegrationTests.Ingesting;

public sealed class BrokerRestartTests(AiFinOpsSystem system) : IClassFixture<AiFinOpsSystem>
{
    [Fact]
    public async Task While_the_broker_is_stopped_batches_fail_unavailable_and_when_it_returns_emitting_resumes()
    {
        await using var broker = new PrivateBroker(58672);
        await broker.StartAsync();
        var ingest = system.Host<UsageRecorder>(verifyThroughIngest: false, web =>
        {
            web.UseSetting("ConnectionStrings:messaging", broker.ConnectionString);
            web.UseSetting("Ingest:PublishTimeout", "00:00:03");
        });
        var client = system.IngestClient(ingest);
        var admin = AiFinOpsSystem.Bearer(AiFinOpsSystem.AdminKey);
        Assert.Equal(1, (await client.RecordBatchAsync(Usage.Batch(Usage.Call("restart")), admin)).Accepted);

        await broker.StopAsync();
        var during = Usage.Batch(Usage.Call("restart"), Usage.Call("restart"));
        var error = await Assert.ThrowsAsync<RpcException>(() => client.RecordBatchAsync(during, admin).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);

        await broker.StartAsync();
        var resumed = await Eventually.Until(async () =>
        {
            try { return (await client.RecordBatchAsync(during, admin)).Accepted; }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable) { return -1; }
        }, accepted => accepted >= 0, "ingest publishes again after the broker restarted", TimeSpan.FromSeconds(90));
        Assert.Equal(2, resumed);
    }
}
