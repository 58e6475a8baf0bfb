using AiFinOps.Contracts.Usage.V1;
using AiFinOps.Ingest.Recording;
using AiFinOps.ServiceDefaults.Security;
using AiFinOps.Testing;
using Grpc.Net.Client;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiFinOps.IntegrationTests.Infrastructure;

/// <summary>
/// The in-process service hosts of one test system (<see cref="AiFinOpsSystem"/>, the reporting and the replicated
/// systems), configured alike: the system's database and its exchange/queue prefix (<paramref name="name"/>) on the
/// shared broker, the admin key, ingest waiting for exactly the <paramref name="usageConsumers"/> the system runs, test
/// queues that expire, and a host counting as started only once its bus is (its queues exist).
/// </summary>
public sealed class InProcessHosts(string name, string usageConsumers) : IDisposable
{
    public const string AdminKey = "integration-admin-key-0123456789abcdef";
    private readonly List<IDisposable> hosts = [];

    /// <summary>
    /// One service host. <paramref name="keysFrom"/>: the ingest that verifies its keys over HTTP, as in production
    /// (null for ingest itself).
    /// </summary>
    public WebApplicationFactory<T> Host<T>(string database, Func<WebApplicationFactory<UsageRecorder>>? keysFrom,
        Action<IWebHostBuilder>? configure = null) where T : class
    {
        var factory = new WebApplicationFactory<T>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("ConnectionStrings:aifinops", database);
            web.UseSetting("ConnectionStrings:messaging", TestServers.RabbitMq);
            web.UseSetting("Messaging:Prefix", name);
            web.UseSetting("AIFINOPS_ADMIN_KEY", AdminKey);
            // Ingest waits for the queues of exactly the consumers that run here, never for one that never comes.
            web.UseSetting("Ingest:Backpressure:Consumers", usageConsumers);
            web.ConfigureTestServices(services =>
            {
                services.AddSingleton<IConfigureReceiveEndpoint, ExpiringTestQueues>();
                // Started means its queues exist: a message published right after start is never routed to nowhere.
                services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
            });
            if (keysFrom is not null)
            {
                web.ConfigureTestServices(services =>
                {
                    services.RemoveAll<IApiKeyVerifier>();
                    services.AddSingleton<IApiKeyVerifier>(_ =>
                        new RemoteApiKeyVerifier(keysFrom().CreateClient(), new MemoryCache(new MemoryCacheOptions())));
                });
            }
            configure?.Invoke(web);
        });
        hosts.Add(factory);
        return factory;
    }

    /// <summary>Reporting's named clients of the other services reach them in-process, as service discovery does in production.</summary>
    public static void ReadsSourcesInProcess(IWebHostBuilder web, IReadOnlyDictionary<string, Func<HttpMessageHandler>> sources)
    {
        foreach (var service in sources.Keys) web.UseSetting($"Reporting:Sources:{service}", "http://localhost");
        web.ConfigureTestServices(services =>
        {
            foreach (var (service, handler) in sources) services.AddHttpClient(service).ConfigurePrimaryHttpMessageHandler(handler);
        });
    }

    public static UsageIngest.UsageIngestClient IngestClient(WebApplicationFactory<UsageRecorder> ingest)
    {
        var server = ingest.Server;
        var channel = GrpcChannel.ForAddress(server.BaseAddress, new GrpcChannelOptions { HttpHandler = server.CreateHandler() });
        return new UsageIngest.UsageIngestClient(channel);
    }

    /// <summary>An HTTP client of one service with a bearer key (the admin key unless told).</summary>
    public static HttpClient Client<T>(WebApplicationFactory<T> service, string key = AdminKey) where T : class
    {
        var http = service.CreateClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    public void Dispose()
    {
        foreach (var host in hosts) host.Dispose();
    }
}
