using AiFinOps.FaultTests.Infrastructure;
using Xunit.Abstractions;

namespace AiFinOps.FaultTests.Scenarios;

/// <summary>kill -9 each consumer in turn while the load runs, and start it again: what it had taken from its queue
/// but not committed is redelivered and booked once; what it had committed is not booked again.</summary>
[Collection(PrivateServersCollection.Name)]
public sealed class ConsumerCrashTests(PrivateServers servers, ITestOutputHelper output)
{
    [Fact]
    public async Task Each_consumer_killed_mid_load_and_restarted_loses_and_doubles_nothing()
    {
        var name = FaultScenario.NewName("consumers");
        await using var system = await FaultSystem.StartAsync(servers, name);
        var consumers = FaultSystem.Consumers;
        var faults = consumers.Select((consumer, i) => new Fault((i + 1.0) / (consumers.Count + 1), $"kill -9 {consumer}",
            () => system[consumer].KillAsync(), () => system.RestartAsync(consumer))).ToArray();

        await new FaultScenario(system, servers.RabbitMqUri, name, output).RunAsync(faults);
    }
}
