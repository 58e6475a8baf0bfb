using AiFinOps.Allocation.Repricing;
using AiFinOps.Allocation.Spend.GettingSpend;
using AiFinOps.Anomaly.Workflows.GettingActivity;
using AiFinOps.Budgeting.Spend.GettingAccruedSpend;
using AiFinOps.Contracts.Usage.V1;
using AiFinOps.Ingest.Recording;
using AiFinOps.IntegrationTests.Infrastructure;
using AiFinOps.Notifications.Deliveries;
using AiFinOps.Reporting.Jobs;
using AiFinOps.Reporting.Sources;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiFinOps.IntegrationTests.Replicas;

/// <summary>
/// Two replicas of every service, in-process on the real servers, as a deployment scaled to two runs them: both of a
/// service share its database schema, its queues (competing consumers) and its Hangfire storage; nothing else is shared.
/// Replica 1 and replica 2 each talk to their own side (allocation prices through its own ingest, reporting reads its own
/// side's services); keys are verified by ingest as in production.
/// </summary>
public sealed class ReplicatedSystem : IAsyncLifetime
{
    public const string AdminKey = AiFinOpsSystem.AdminKey;
    private readonly string name = "rs_" + Guid.NewGuid().ToString("N")[..12];
    private readonly InProcessHosts hosts;

    // Every usage consumer runs here (twice): both ingest replicas wait for all four queues.
    public ReplicatedSystem() => hosts = new InProcessHosts(name, "allocation,budgeting,anomaly,reporting");

    public Pair<UsageRecorder> Ingest { get; private set; } = null!;
    public Pair<SpendReader> Allocation { get; private set; } = null!;
    public Pair<AccruedSpend> Budgeting { get; private set; } = null!;
    public Pair<WorkflowActivity> Anomaly { get; private set; } = null!;
    public Pair<DeliverySignal> Notifications { get; private set; } = null!;
    public Pair<ReportGenerator> Reporting { get; private set; } = null!;

    /// <summary>The prefix of this system's exchanges and queues on the shared broker.</summary>
    public string MessagingPrefix => name;

    /// <summary>Both replicas of one service.</summary>
    public sealed record Pair<T>(WebApplicationFactory<T> One, WebApplicationFactory<T> Two) where T : class
    {
        public IReadOnlyList<WebApplicationFactory<T>> Both => [One, Two];

        /// <summary>How many messages each replica consumed.</summary>
        public IReadOnlyList<int> Consumed => Both.Select(r => r.Services.GetRequiredService<ConsumedMessages>().Count).ToList();
    }

    public async Task InitializeAsync()
    {
        var database = await TestServers.CreateDatabaseAsync(name);
        Ingest = Twice(_ => Host<UsageRecorder>(database, verifyThroughIngest: false));
        Allocation = Twice(replica => Host<SpendReader>(database, verifyThroughIngest: true, web => web.ConfigureTestServices(services =>
        {
            services.RemoveAll<IngestPricing>();
            services.AddTransient(_ => new IngestPricing(Side(Ingest, replica).CreateClient()));
        })));
        Budgeting = Twice(_ => Host<AccruedSpend>(database, verifyThroughIngest: true));
        Anomaly = Twice(_ => Host<WorkflowActivity>(database, verifyThroughIngest: true));
        Notifications = Twice(_ => Host<DeliverySignal>(database, verifyThroughIngest: true));
        Reporting = Twice(replica => Host<ReportGenerator>(database, verifyThroughIngest: true, web =>
        {
            InProcessHosts.ReadsSourcesInProcess(web, new Dictionary<string, Func<HttpMessageHandler>>
            {
                [ReportSources.Allocation] = () => Side(Allocation, replica).Server.CreateHandler(),
                [ReportSources.Budgeting] = () => Side(Budgeting, replica).Server.CreateHandler(),
                [ReportSources.Anomaly] = () => Side(Anomaly, replica).Server.CreateHandler(),
                [ReportSources.Ingest] = () => Side(Ingest, replica).Server.CreateHandler(),
            });
        }));
        // Start every host now, so their queues exist before the first message is published.
        Start(Ingest);
        Start(Allocation);
        Start(Budgeting);
        Start(Anomaly);
        Start(Notifications);
        Start(Reporting);
        await Task.CompletedTask;
    }

    public UsageIngest.UsageIngestClient IngestClient(WebApplicationFactory<UsageRecorder> ingest) => InProcessHosts.IngestClient(ingest);

    public static HttpClient Client<T>(WebApplicationFactory<T> service, string key = AdminKey) where T : class => InProcessHosts.Client(service, key);

    private static Pair<T> Twice<T>(Func<int, WebApplicationFactory<T>> host) where T : class => new(host(1), host(2));

    private static WebApplicationFactory<T> Side<T>(Pair<T> pair, int replica) where T : class => replica == 1 ? pair.One : pair.Two;

    private static void Start<T>(Pair<T> pair) where T : class
    {
        _ = pair.One.Server;
        _ = pair.Two.Server;
    }

    /// <summary>A replica's host; it also counts the messages it consumed (<see cref="Pair{T}.Consumed"/>).</summary>
    private WebApplicationFactory<T> Host<T>(string database, bool verifyThroughIngest, Action<IWebHostBuilder>? configure = null) where T : class =>
        hosts.Host<T>(database, verifyThroughIngest ? () => Ingest.One : null, web =>
        {
            web.ConfigureTestServices(services =>
            {
                services.AddSingleton<ConsumedMessages>();
                services.AddConsumeObserver(provider => provider.GetRequiredService<ConsumedMessages>());
            });
            configure?.Invoke(web);
        });

    public async Task DisposeAsync()
    {
        hosts.Dispose();
        await Task.CompletedTask;
    }
}
