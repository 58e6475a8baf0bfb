using System.Diagnostics;

namespace AiFinOps.FaultTests.Infrastructure;

/// <summary>
/// The real <c>AiFinOps.AppHost</c> as a process (<c>dotnet AiFinOps.AppHost/bin/…/AiFinOps.AppHost.dll</c>), in
/// external-infrastructure mode on the private servers and the scenario's database, with every service endpoint and
/// the dashboard on free ports (<c>Ports:{resource}:{endpoint}</c>), so it never meets a developer's running system.
/// Stopping it (SIGTERM) stops every service it started; starting it again starts them all on the same ports.
/// </summary>
public sealed class AppHostSystem : IRunningSystem, IAsyncDisposable
{
    private static readonly string[] Services = ["ingest", "allocation", "budgeting", "anomaly", "reporting", "notifications", "gateway"];
    private readonly Dictionary<string, int> ports;
    private readonly string dataFolder = Directory.CreateTempSubdirectory("aifinops-apphost-faults-").FullName;
    private readonly HttpClient health = new() { Timeout = TimeSpan.FromSeconds(5) };

    private AppHostSystem(string databaseConnection, Dictionary<string, int> ports)
    {
        DatabaseConnection = databaseConnection;
        this.ports = ports;
    }

    public SupervisedProcess AppHost { get; private set; } = null!;

    public string DatabaseConnection { get; }

    public Uri IngestGrpc => new($"http://127.0.0.1:{ports["ingest-grpc"]}");

    public Uri Address(string service) => new($"http://127.0.0.1:{ports[service]}");

    /// <summary>The AppHost sets no messaging prefix: the queues carry the service's name alone.</summary>
    public string ConsumerQueue(string consumer) =>
        consumer == "notifications" ? "notifications-alert-raised" : $"{consumer}-usage-batch-priced";

    public static async Task<AppHostSystem> StartAsync(PrivateServers servers, string name)
    {
        var database = await servers.CreateDatabaseAsync(name);
        var free = FreePorts.Take(Services.Length + 4);
        var ports = Services.Select((s, i) => (s, free[i])).ToDictionary(p => p.s, p => p.Item2);
        ports["ingest-grpc"] = free[Services.Length];
        ports["dashboard"] = free[Services.Length + 1];
        ports["otlp"] = free[Services.Length + 2];
        ports["resource-service"] = free[Services.Length + 3];
        var system = new AppHostSystem(database, ports);

        var appHost = Repository.ServiceAssembly("AiFinOps.AppHost");
        var command = new ProcessStartInfo("dotnet", [appHost]) { WorkingDirectory = Path.GetDirectoryName(appHost)! };
        var environment = command.Environment;
        // What launchSettings.json gives `dotnet run`, on free ports.
        environment["DOTNET_ENVIRONMENT"] = "Development";
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ports["dashboard"]}";
        environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{ports["otlp"]}";
        environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://127.0.0.1:{ports["resource-service"]}";
        environment["Infrastructure"] = "external";
        environment["ConnectionStrings__aifinops"] = database;
        environment["ConnectionStrings__messaging"] = servers.RabbitMqUri;
        environment["AIFINOPS_ADMIN_KEY"] = FaultSystem.AdminKey;
        environment["AIFINOPS_DATA_DIR"] = system.dataFolder;
        foreach (var service in Services) environment[$"Ports__{service}__http"] = ports[service].ToString();
        environment["Ports__ingest__grpc"] = ports["ingest-grpc"].ToString();

        system.AppHost = new SupervisedProcess("apphost", command, async () =>
        {
            foreach (var service in Services)
            {
                try
                {
                    using var response = await system.health.GetAsync(new Uri(system.Address(service), "/health"));
                    if (!response.IsSuccessStatusCode) return false;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    return false;
                }
            }
            return true;
        }, Repository.LogFolder(name));
        await system.StartAsync();
        return system;
    }

    public Task StartAsync() => AppHost.StartAsync(TimeSpan.FromMinutes(5));

    /// <summary>Stops the AppHost as Ctrl+C does: it stops every service it runs, then itself.</summary>
    public Task StopAsync() => AppHost.StopAsync(TimeSpan.FromMinutes(1));

    public async ValueTask DisposeAsync()
    {
        if (AppHost is not null)
        {
            await AppHost.StopAsync(TimeSpan.FromMinutes(1));
            await AppHost.DisposeAsync();
        }
        health.Dispose();
        try { Directory.Delete(dataFolder, recursive: true); } catch (IOException) { }
    }
}
