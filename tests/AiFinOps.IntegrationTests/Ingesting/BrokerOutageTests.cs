using AiFinOps.IntegrationTests.Infrastructure;
using Grpc.Core;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AiFinOps.IntegrationTests.Ingesting;

public sealed class BrokerOutageTests(AiFinOpsSystem system) : IClassFixture<AiFinOpsSystem>
{
    [Fact]
    public async Task Without_a_broker_a_batch_fails_unavailable_and_its_events_stay_unclaimed()
    {
        // An ingest whose broker is unreachable (nothing listens on port 1), with a short confirm timeout.
        var cutOff = system.Host<AiFinOps.Ingest.Recording.UsageRecorder>(verifyThroughIngest: false, web =>
        {
            web.UseSetting("ConnectionStrings:messaging", "amqp://guest:guest@127.0.0.1:1/");
            web.UseSetting("Ingest:PublishTimeout", "00:00:02");
            // This host must start although its bus never will.
            web.ConfigureTestServices(services => services.Configure<MassTransit.MassTransitHostOptions>(o => o.WaitUntilStarted = false));
        });
        var batch = Usage.Batch(Usage.Call("outage"), Usage.Call("outage"));

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            system.IngestClient(cutOff).RecordBatchAsync(batch, AiFinOpsSystem.Bearer(AiFinOpsSystem.AdminKey)).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);

        // When the broker is back (the healthy ingest on the same database), the same events are new, not duplicates.
        var retry = await system.IngestClient().RecordBatchAsync(batch, AiFinOpsSystem.Bearer(AiFinOpsSystem.AdminKey));
        Assert.Equal(2, retry.Accepted);
        Assert.Equal(0, retry.Duplicates);
    }
}
