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
            // No consumer runs on this private broker: nothing to wait for, and the usage goes nowhere on purpose.
            web.UseSetting("Ingest:Backpressure:Consumers", "");
            // Short, so the call during the outage fails fast, yet long enough for a first publish to a just-restarted
            // broker on a busy CI machine (3 s was not, once).
            web.UseSetting("Ingest:PublishTimeout", "00:00:15");
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
            try { return new Attempt((await client.RecordBatchAsync(during, admin)).Accepted, null); }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable) { return new Attempt(null, e.Status.Detail); }
        }, attempt => attempt.Accepted is not null, "ingest publishes again after the broker restarted", TimeSpan.FromSeconds(180));
        Assert.Equal(2, resumed.Accepted);
    }

    /// <summary>One call after the restart: accepted count, or why it was refused (shown if the wait times out).</summary>
    private sealed record Attempt(int? Accepted, string? Unavailable);
}
