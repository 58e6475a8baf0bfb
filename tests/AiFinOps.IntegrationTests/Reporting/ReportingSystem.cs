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
using AiFinOps.ServiceDefaults.Security;
using Grpc.Net.Client;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Caching.Memory;
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
    private readonly List<IDisposable> hosts = [];

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
            var sources = new Dictionary<string, Func<HttpMessageHandler>>
            {
                [ReportSources.Allocation] = () => Allocation.Server.CreateHandler(),
                [ReportSources.Budgeting] = () => Budgeting.Server.CreateHandler(),
                [ReportSources.Anomaly] = () => Anomaly.Server.CreateHandler(),
                [ReportSources.Ingest] = () => Ingest.Server.CreateHandler(),
            };
            foreach (var service in sources.Keys) web.UseSetting($"Reporting:Sources:{service}", "http://localhost");
            web.ConfigureTestServices(services =>
            {
                foreach (var (service, handler) in sources) services.AddHttpClient(service).ConfigurePrimaryHttpMessageHandler(handler);
            });
        });
        // Start every host now, so their queues exist before the first message is published.
        foreach (var host in new object[] { Ingest.Server, Allocation.Server, Budgeting.Server, Anomaly.Server, Notifications.Server, Reporting.Server }) _ = host;
        await Task.CompletedTask;
    }

    private WebApplicationFactory<T> Host<T>(bool verifyThroughIngest, Action<IWebHostBuilder>? configure = null) where T : class
    {
        var factory = new WebApplicationFactory<T>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("ConnectionStrings:aifinops", DatabaseConnection);
            web.UseSetting("ConnectionStrings:messaging", TestServers.RabbitMq);
            web.UseSetting("Messaging:Prefix", name);
            web.UseSetting("AIFINOPS_ADMIN_KEY", AdminKey);
            // Every usage consumer runs here: ingest waits for all four queues.
            web.UseSetting("Ingest:Backpressure:Consumers", "allocation,budgeting,anomaly,reporting");
            web.ConfigureTestServices(services =>
            {
                services.AddSingleton<IConfigureReceiveEndpoint, AiFinOps.Testing.ExpiringTestQueues>();
                // Started means its queues exist: a message published right after start is never routed to nowhere.
                services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
            });
            if (verifyThroughIngest)
            {
                web.ConfigureTestServices(services =>
                {
                    services.RemoveAll<IApiKeyVerifier>();
                    services.AddSingleton<IApiKeyVerifier>(_ =>
                        new RemoteApiKeyVerifier(Ingest.CreateClient(), new MemoryCache(new MemoryCacheOptions())));
                });
            }
            configure?.Invoke(web);
        });
        hosts.Add(factory);
        return factory;
    }

    public UsageIngest.UsageIngestClient IngestClient()
    {
        var channel = GrpcChannel.ForAddress(Ingest.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = Ingest.Server.CreateHandler() });
        return new UsageIngest.UsageIngestClient(channel);
    }

    public HttpClient Client<T>(WebApplicationFactory<T> service, string key = AdminKey) where T : class
    {
        var http = service.CreateClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    public async Task DisposeAsync()
    {
        foreach (var host in hosts) host.Dispose();
        await Task.CompletedTask;
    }
}
