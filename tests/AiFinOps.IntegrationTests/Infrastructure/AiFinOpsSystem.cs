using AiFinOps.Allocation.Repricing;
using AiFinOps.Allocation.Spend.GettingSpend;
using AiFinOps.Anomaly.Workflows.GettingActivity;
using AiFinOps.Budgeting.Spend.GettingAccruedSpend;
using AiFinOps.Contracts.Usage.V1;
using AiFinOps.Ingest.Recording;
using Grpc.Core;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiFinOps.IntegrationTests.Infrastructure;

/// <summary>
/// The services of one test class, hosted in-process against the real servers: their own database and their own
/// exchange/queue prefix on the shared broker. The other services verify keys by calling ingest, as in production.
/// </summary>
public sealed class AiFinOpsSystem : IAsyncLifetime, IAsyncDisposable
{
    public const string AdminKey = InProcessHosts.AdminKey;

    /// <summary>The usage consumers this system runs: what its ingest hosts watch (reporting is not among them).</summary>
    public const string UsageConsumers = "allocation,budgeting,anomaly";
    private readonly string name = "it_" + Guid.NewGuid().ToString("N")[..12];
    private readonly InProcessHosts hosts;

    public AiFinOpsSystem() => hosts = new InProcessHosts(name, UsageConsumers);

    public WebApplicationFactory<UsageRecorder> Ingest { get; private set; } = null!;
    public WebApplicationFactory<SpendReader> Allocation { get; private set; } = null!;
    public WebApplicationFactory<AccruedSpend> Budgeting { get; private set; } = null!;
    public WebApplicationFactory<WorkflowActivity> Anomaly { get; private set; } = null!;
    public string DatabaseConnection { get; private set; } = "";

    /// <summary>
    /// False: a fresh installation whose consumers have never started — only ingest runs until a test starts a consumer
    /// (<c>_ = system.Budgeting.Server</c>), and none of their queues exists before.
    /// </summary>
    public bool StartsConsumers { get; init; } = true;

    /// <summary>The prefix of this system's exchanges and queues on the shared broker.</summary>
    public string MessagingPrefix => name;

    /// <summary>
    /// A fresh installation (<see cref="StartsConsumers"/> false) for one test that starts what it needs itself:
    /// <c>await using var system = await AiFinOpsSystem.WithoutConsumersAsync();</c>.
    /// </summary>
    public static async Task<AiFinOpsSystem> WithoutConsumersAsync()
    {
        var system = new AiFinOpsSystem { StartsConsumers = false };
        await system.InitializeAsync();
        return system;
    }

    public async Task InitializeAsync()
    {
        DatabaseConnection = await TestServers.CreateDatabaseAsync(name);
        Ingest = Host<UsageRecorder>(verifyThroughIngest: false);
        Allocation = AllocationHost();
        Budgeting = Host<AccruedSpend>(verifyThroughIngest: true);
        Anomaly = Host<WorkflowActivity>(verifyThroughIngest: true);
        // Start every host now, so their queues exist before the first message is published.
        _ = Ingest.Server;
        if (StartsConsumers)
        {
            _ = Allocation.Server;
            _ = Budgeting.Server;
            _ = Anomaly.Server;
        }
        await Task.CompletedTask;
    }

    /// <summary>One more host of a service in this system (a replica, or one configured differently).</summary>
    public WebApplicationFactory<T> Host<T>(bool verifyThroughIngest, Action<IWebHostBuilder>? configure = null) where T : class =>
        hosts.Host<T>(DatabaseConnection, verifyThroughIngest ? () => Ingest : null, configure);

    /// <summary>One more allocation host (a replica, or one configured differently); it re-prices through this system's
    /// ingest's internal pricing, reached in-process as by discovery in production.</summary>
    public WebApplicationFactory<SpendReader> AllocationHost(Action<IWebHostBuilder>? configure = null) =>
        Host<SpendReader>(verifyThroughIngest: true, web =>
        {
            web.ConfigureTestServices(services =>
            {
                services.RemoveAll<IngestPricing>();
                services.AddTransient(_ => new IngestPricing(Ingest.CreateClient()));
            });
            configure?.Invoke(web);
        });

    public UsageIngest.UsageIngestClient IngestClient(WebApplicationFactory<UsageRecorder>? host = null) =>
        InProcessHosts.IngestClient(host ?? Ingest);

    public static Metadata Bearer(string key) => new() { { "authorization", "Bearer " + key } };

    public async Task DisposeAsync()
    {
        hosts.Dispose();
        await Task.CompletedTask;
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());
}
