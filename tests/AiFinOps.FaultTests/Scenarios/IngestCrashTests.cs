using AiFinOps.FaultTests.Infrastructure;
using Xunit.Abstractions;

namespace AiFinOps.FaultTests.Scenarios;

/// <summary>kill -9 ingest while batches are in flight: the clients' calls fail, they send the same events again
/// until ingest is back and answers; an event ingest had published before dying is not counted twice.</summary>
[Collection(PrivateServersCollection.Name)]
public sealed class IngestCrashTests(PrivateServers servers, ITestOutputHelper output)
{
    [Fact]
    public async Task Ingest_killed_mid_load_and_restarted_while_clients_retry_loses_and_doubles_nothing()
    {
        var name = FaultScenario.NewName("ingest");
        await using var system = await FaultSystem.StartAsync(servers, name);

        await new FaultScenario(system, servers.RabbitMqUri, name, output).RunAsync(
            new Fault(0.3, "kill -9 ingest", () => system["ingest"].KillAsync(), () => system.RestartAsync("ingest")),
            new Fault(0.7, "kill -9 ingest again", () => system["ingest"].KillAsync(), () => system.RestartAsync("ingest")));
    }
}
