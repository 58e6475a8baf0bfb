using AiFinOps.FaultTests.Infrastructure;
using Xunit.Abstractions;

namespace AiFinOps.FaultTests.Scenarios;

/// <summary>Crash PostgreSQL under load (<c>pg_ctl stop -m immediate</c>) and start it again: ingest answers
/// UNAVAILABLE while it is down, consumers' uncommitted batches roll back and are redelivered, what was committed
/// survives the crash (fsync on) and is not booked again.</summary>
[Collection(PrivateServersCollection.Name)]
public sealed class PostgresCrashTests(PrivateServers servers, ITestOutputHelper output)
{
    [Fact]
    public async Task Postgres_crashed_under_load_and_restarted_loses_and_doubles_nothing()
    {
        var name = FaultScenario.NewName("postgres");
        await using var system = await FaultSystem.StartAsync(servers, name);

        await new FaultScenario(system, servers.RabbitMqUri, name, output).RunAsync(
            new Fault(0.4, "pg_ctl stop -m immediate, then start", () => servers.CrashPostgresAsync(), () => servers.StartPostgresAsync()));
    }
}
