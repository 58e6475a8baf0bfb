using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AiFinOps.Contracts.Messages;
using AiFinOps.Contracts.Usage.V1;
using AiFinOps.Ingest.Recording;
using AiFinOps.IntegrationTests.Infrastructure;
using Grpc.Net.Client;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AiFinOps.IntegrationTests.Pricing;

/// <summary>
/// A database and an exchange prefix of one test's own, a bus listener that records every <see cref="CatalogueChanged"/>
/// and priced usage published under that prefix, and ingest hosts that can be started and stopped on that database
/// (a restart is a new host on the same database).
/// </summary>
public sealed class CatalogueChangeWorld : IAsyncDisposable
{
    private readonly string name = "it_" + Guid.NewGuid().ToString("N")[..12];
    private readonly List<IDisposable> hosts = [];
    private IBusControl? listener;

    public ConcurrentQueue<CatalogueChanged> Changes { get; } = new();
    public ConcurrentQueue<PricedUsage> Usages { get; } = new();
    public string DatabaseConnection { get; private set; } = "";

    public static async Task<CatalogueChangeWorld> StartAsync()
    {
        var world = new CatalogueChangeWorld();
        world.DatabaseConnection = await TestServers.CreateDatabaseAsync(world.name);
        world.listener = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(TestServers.RabbitMq));
            rabbit.MessageTopology.SetEntityNameFormatter(new PrefixEntityNameFormatter(rabbit.MessageTopology.EntityNameFormatter, world.name + "."));
            rabbit.ReceiveEndpoint($"{world.name}-test-catalogue-listener", endpoint =>
            {
                endpoint.AutoDelete = true;
                // One at a time: the order recorded is the order published.
                endpoint.PrefetchCount = 1;
                endpoint.ConcurrentMessageLimit = 1;
                endpoint.Handler<CatalogueChanged>(ctx =>
                {
                    world.Changes.Enqueue(ctx.Message);
                    return Task.CompletedTask;
                });
                endpoint.Handler<UsageBatchPriced>(ctx =>
                {
                    foreach (var usage in ctx.Message.Usages) world.Usages.Enqueue(usage);
                    return Task.CompletedTask;
                });
            });
        });
        await world.listener.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        return world;
    }

    /// <summary>An ingest on this world's database; <paramref name="messaging"/> replaces the broker (e.g. one that is down).</summary>
    public WebApplicationFactory<UsageRecorder> Ingest(string? messaging = null)
    {
        var factory = new WebApplicationFactory<UsageRecorder>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("ConnectionStrings:aifinops", DatabaseConnection);
            web.UseSetting("ConnectionStrings:messaging", messaging ?? TestServers.RabbitMq);
            web.UseSetting("Messaging:Prefix", name);
            web.UseSetting("AIFINOPS_ADMIN_KEY", AiFinOpsSystem.AdminKey);
            web.UseSetting("Ingest:PublishTimeout", "00:00:03");
            // No usage consumer runs here (the world's own listener takes the usage): nothing to wait for.
            web.UseSetting("Ingest:Backpressure:Consumers", "");
            web.UseSetting("Catalogue:Changes:PollInterval", "00:00:01");
            web.UseSetting("Catalogue:Changes:PublishTimeout", "00:00:03");
        });
        _ = factory.Server;
        hosts.Add(factory);
        return factory;
    }

    public static UsageIngest.UsageIngestClient IngestClient(WebApplicationFactory<UsageRecorder> ingest)
    {
        var channel = GrpcChannel.ForAddress(ingest.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = ingest.Server.CreateHandler() });
        return new UsageIngest.UsageIngestClient(channel);
    }

    public static HttpClient Admin(WebApplicationFactory<UsageRecorder> ingest)
    {
        var http = ingest.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AiFinOpsSystem.AdminKey);
        return http;
    }

    /// <summary>Every change record in the catalogue (following <c>nextAfter</c>), and how far they are published.</summary>
    public static async Task<(List<JsonElement> Changes, long LastPublished)> AllChangesAsync(HttpClient http)
    {
        var changes = new List<JsonElement>();
        long after = 0;
        while (true)
        {
            var page = await http.GetFromJsonAsync<JsonElement>($"/api/v1/prices/changes?after={after}&limit=1000");
            changes.AddRange(page.GetProperty("changes").EnumerateArray());
            if (page.GetProperty("nextAfter").ValueKind == JsonValueKind.Null)
                return (changes, page.GetProperty("lastPublishedSequence").GetInt64());
            after = page.GetProperty("nextAfter").GetInt64();
        }
    }

    public static object NewPrice(string model, decimal input, decimal output, string effectiveFrom = "2025-01-01") => new
    {
        provider = "acme",
        model,
        effectiveFrom,
        source = "https://acme.test/pricing",
        checkedOn = "2025-01-01",
        tiers = new { standard = new { rates = new { input, output } } },
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var host in hosts) host.Dispose();
        if (listener is not null) await listener.StopAsync();
    }
}
