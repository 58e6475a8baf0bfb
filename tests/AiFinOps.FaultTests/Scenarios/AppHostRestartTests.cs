using AiFinOps.FaultTests.Infrastructure;
using Xunit.Abstractions;

namespace AiFinOps.FaultTests.Scenarios;

/// <summary>Stop the whole system — the real AppHost and every service it runs — under load, and start it again:
/// the clients retry until ingest is back; what was queued waits in RabbitMQ and is consumed once after the start.</summary>
[Collection(PrivateServersCollection.Name)]
public sealed class AppHostRestartTests(PrivateServers servers, ITestOutputHelper output)
{
    [Fact]
    public async Task AppHost_stopped_under_load_and_started_again_loses_and_doubles_nothing()
    {
        var name = FaultScenario.NewName("apphost");
        await using var system = await AppHostSystem.StartAsync(servers, name);

        await new FaultScenario(system, servers.RabbitMqUri, name, output).RunAsync(
            new Fault(0.4, "stop the AppHost, then start it", () => system.StopAsync(), () => system.StartAsync()));
    }
}
