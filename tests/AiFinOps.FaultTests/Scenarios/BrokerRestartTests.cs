using AiFinOps.FaultTests.Infrastructure;
using Xunit.Abstractions;

namespace AiFinOps.FaultTests.Scenarios;

/// <summary>Restart RabbitMQ under load: ingest answers UNAVAILABLE while it is down (nothing half-done), the
/// clients retry, every service reconnects, and the persistent messages queued before the stop are consumed after it.</summary>
[Collection(PrivateServersCollection.Name)]
public sealed class BrokerRestartTests(PrivateServers servers, ITestOutputHelper output)
{
    [Fact]
    public async Task RabbitMq_restarted_under_load_loses_and_doubles_nothing()
    {
        var name = FaultScenario.NewName("broker");
        await using var system = await FaultSystem.StartAsync(servers, name);

        await new FaultScenario(system, servers.RabbitMqUri, name, output).RunAsync(
            new Fault(0.4, "stop RabbitMQ, then start it", () => servers.StopRabbitMqAsync(), () => servers.StartRabbitMqAsync()));
    }
}
