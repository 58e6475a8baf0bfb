using System.Net;
using AiFinOps.Allocation.Spend.GettingSpend;
using AiFinOps.Ingest.Recording;
using AiFinOps.IntegrationTests.Infrastructure;
using AiFinOps.ServiceDefaults.Messaging.Upgrading;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiFinOps.IntegrationTests.Upgrading;

/// <summary>
/// A service started while RabbitMQ is down: it answers its probes and says why it is not ready, stops when asked,
/// and once the broker is up checks its receive queues, starts its bus and consumes — no restart needed.
/// </summary>
public sealed class BrokerDownAtStartTests(AiFinOpsSystem system) : IClassFixture<AiFinOpsSystem>
{
    [Fact]
    public async Task A_service_started_before_its_broker_says_why_it_is_not_ready_and_consumes_once_the_broker_is_up()
    {
        await using var broker = new PrivateBroker(58673);
        var allocation = Allocation(broker.ConnectionString);
        using var http = allocation.CreateClient();

        var health = await Eventually.Until(() => ProbeAsync(http, "/health"), h => h.Body.Contains("RabbitMQ cannot be reached"),
            "/health says the broker cannot be reached");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.Status);
        Assert.StartsWith("Unhealthy\n", health.Body);
        Assert.Contains("receive-queues: Unhealthy — RabbitMQ cannot be reached", health.Body);
        Assert.Equal(new Probe(HttpStatusCode.OK, "Healthy"), await ProbeAsync(http, "/alive"));

        await broker.StartAsync();
        // Ready (200) as soon as the queues are checked; "Healthy" once the dead-letter check, which remembers its
        // answer for 10 s (DeadLetterHealthCheck.CacheFor), has asked the broker again: "not counted" while it was down.
        await Eventually.Until(() => ProbeAsync(http, "/health"), h => h.Status == HttpStatusCode.OK && h.Body == "Healthy",
            "the service becomes ready and healthy once the broker is up", TimeSpan.FromSeconds(180));

        // Usage sent through an ingest on the same broker reaches the allocation that started without it.
        var ingest = system.Host<UsageRecorder>(verifyThroughIngest: false, web =>
        {
            web.UseSetting("ConnectionStrings:messaging", broker.ConnectionString);
            web.UseSetting("Ingest:Backpressure:Consumers", "allocation");
        });
        var team = "late-broker-" + Guid.NewGuid().ToString("N")[..8];
        var accepted = await system.IngestClient(ingest).RecordBatchAsync(Usage.Batch(Usage.Call(team), Usage.Call(team)),
            AiFinOpsSystem.Bearer(AiFinOpsSystem.AdminKey));
        Assert.Equal(2, accepted.Accepted);
        var spend = await Eventually.Until(() => SpendApi.ByTeamAsync(allocation, AiFinOpsSystem.AdminKey),
            s => s.TryGetValue(team, out var t) && t.Events >= 2, "allocation booked the usage");
        Assert.Equal(2, spend[team].Events);
    }

    [Fact]
    public async Task A_service_waiting_for_an_unreachable_broker_stops_waiting_when_it_is_stopped()
    {
        // Nothing listens on port 1.
        var allocation = Allocation("amqp://guest:guest@127.0.0.1:1/");
        using var http = allocation.CreateClient();
        await Eventually.Until(() => ProbeAsync(http, "/health"), h => h.Body.Contains("RabbitMQ cannot be reached"),
            "/health says the broker cannot be reached");
        var state = allocation.Services.GetRequiredService<ReceiveQueueUpgradeState>();

        await allocation.DisposeAsync();

        var after = await Eventually.Until(() => state.CheckHealthAsync(new HealthCheckContext()),
            r => r.Description?.StartsWith("the service stopped") == true, "the queue check gave up when the service stopped");
        Assert.Equal("the service stopped before its receive queues were checked; the bus did not start", after.Description);
    }

    /// <summary>An allocation on <paramref name="broker"/> that starts without waiting for its bus, as in production.</summary>
    private WebApplicationFactory<SpendReader> Allocation(string broker) =>
        system.AllocationHost(web =>
        {
            web.UseSetting("ConnectionStrings:messaging", broker);
            web.ConfigureTestServices(services => services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = false));
        });

    private static async Task<Probe> ProbeAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        return new Probe(response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private sealed record Probe(HttpStatusCode Status, string Body);
}
