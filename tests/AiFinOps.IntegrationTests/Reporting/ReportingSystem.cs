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
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiFinOps.IntegrationTests.Reporting;

/// <summary>
/// Every service reports read, in-process on the real servers with their own database and broker prefix: ingest
/// (accepting usage up to 400 days old, so a whole past quarter can be seeded), allocation, budgeting, anomaly,
/// notifications, and reporting, whose named clients of the other services reach them in-process with the admin key as
/// its service key, as service discovery and the app host's key do in production.
/// </summary>
public sealed class ReportingSystem : IAsyncLifetime
{
    public const string AdminKey = AiFinOpsSystem.AdminKey;
    private readonly string name = "rp_" + Guid.NewGuid().ToString("N")[..12];
    private readonly InProcessHosts hosts;

    // Every usage consumer runs here: ingest waits for all four queues.
    public ReportingSystem() => hosts = new InProcessHosts(name, "allocation,budgeting,anomaly,reporting");

    public WebApplicationFactory<UsageRecorder> Ingest { get; private set; } = null!;
    public WebApplicationFactory<SpendReader> Allocation { get; private set; } = null!;
    public WebApplicationFactory<AccruedSpend> Budgeting { get; private set; } = null!;
    public WebApplicationFactory<WorkflowActivity> Anomaly { get; private set; } = null!;
    public WebApplicationFactory<DeliverySignal> Notifications { get; private set; } = null!;
    public WebApplicationFactory<ReportGenerator> Reporting { get; private set; } = null!;
    public string DatabaseConnection { get; private set; } = "";

    /// <summary>The prefix of this system's exchanges and queues on the shared broker.</summary>
    public string MessagingPrefix => name;

    public async Task InitializeAsync()
    {
        DatabaseConnection = await TestServers.CreateDatabaseAsync(name);
        Ingest = Host<UsageRecorder>(verifyThroughIngest: false, web => web.UseSetting("Ingest:MaxEventAge", "400.00:00:00"));
        Allocation = Host<SpendReader>(verifyThroughIngest: true, web => web.ConfigureTestServices(services =>
        {
            services.RemoveAll<IngestPricing>();
            services.AddTransient(_ => new IngestPricing(Ingest.CreateClient()));
        }));
        Budgeting = Host<AccruedSpend>(verifyThroughIngest: true);
        Anomaly = Host<WorkflowActivity>(verifyThroughIngest: true);
        Notifications = Host<DeliverySignal>(verifyThroughIngest: true);
        Reporting = Host<ReportGenerator>(verifyThroughIngest: true, web =>
        {
            InProcessHosts.ReadsSourcesInProcess(web, new Dictionary<string, Func<HttpMessageHandler>>
            {
                [ReportSources.Allocation] = () => Allocation.Server.CreateHandler(),
                [ReportSources.Budgeting] = () => Budgeting.Server.CreateHandler(),
                [ReportSources.Anomaly] = () => Anomaly.Server.CreateHandler(),
                [ReportSources.Ingest] = () => Ingest.Server.CreateHandler(),
            });
        });
        // Start every host now, so their queues exist before the first message is published.
        foreach (var host in new object[] { Ingest.Server, Allocation.Server, Budgeting.Server, Anomaly.Server, Notifications.Server, Reporting.Server }) _ = host;
        await Task.CompletedTask;
    }

    private WebApplicationFactory<T> Host<T>(bool verifyThroughIngest, Action<IWebHostBuilder>? configure = null) where T : class =>
        hosts.Host<T>(DatabaseConnection, verifyThroughIngest ? () => Ingest : null, configure);

    public UsageIngest.UsageIngestClient IngestClient() => InProcessHosts.IngestClient(Ingest);

    public HttpClient Client<T>(WebApplicationFactory<T> service, string key = AdminKey) where T : class => InProcessHosts.Client(service, key);

    public async Task DisposeAsync()
    {
        hosts.Dispose();
        await Task.CompletedTask;
    }
}
