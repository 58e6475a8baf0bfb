using System.Diagnostics;

namespace AiFinOps.FaultTests.Infrastructure;

/// <summary>
/// Ingest and the five consumers of one scenario, each a real OS process (<c>dotnet services/X/bin/…/X.dll</c>) on
/// its own free loopback port, against the scenario's own database and exchange/queue prefix on the private servers.
/// Configured as the AppHost configures them, through environment variables: connection strings, the admin key,
/// Kestrel endpoints and service discovery (<c>services__ingest__http__0</c>).
/// </summary>
public sealed class FaultSystem : IRunningSystem, IAsyncDisposable
{
    public const string AdminKey = "fault-tests-admin-key-0123456789abcdef";

    /// <summary>The services that consume what ingest publishes (usage, alerts), in the order the scenarios kill them.</summary>
    public static readonly IReadOnlyList<string> Consumers = ["allocation", "budgeting", "anomaly", "reporting", "notifications"];

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly Dictionary<string, SupervisedProcess> services = [];
    private readonly Dictionary<string, int> ports;

    private FaultSystem(string name, string databaseConnection, string messaging, Dictionary<string, int> ports)
    {
        Name = name;
        DatabaseConnection = databaseConnection;
        Messaging = messaging;
        this.ports = ports;
    }

    /// <summary>The scenario's database name and its exchange/queue prefix.</summary>
    public string Name { get; }

    public string DatabaseConnection { get; }

    public string Messaging { get; }

    public Uri IngestGrpc => new($"http://127.0.0.1:{ports["ingest-grpc"]}");

    public Uri Address(string service) => new($"http://127.0.0.1:{ports[service]}");

    public SupervisedProcess this[string service] => services[service];

    /// <summary>MassTransit's kebab-case queue name under the service's prefix.</summary>
    public string ConsumerQueue(string consumer) =>
        consumer == "notifications" ? $"{Name}-notifications-alert-raised" : $"{Name}-{consumer}-usage-batch-priced";

    public static async Task<FaultSystem> StartAsync(PrivateServers servers, string name)
    {
        var database = await servers.CreateDatabaseAsync(name);
        var free = FreePorts.Take(7);
        var ports = new Dictionary<string, int> { ["ingest"] = free[0], ["ingest-grpc"] = free[1] };
        for (var i = 0; i < Consumers.Count; i++) ports[Consumers[i]] = free[i + 2];
        var system = new FaultSystem(name, database, servers.RabbitMqUri, ports);
        try
        {
            // Ingest first: the others verify keys through it. Then the consumers, two at a time (2 busy cores).
            await system.Add("ingest", "AiFinOps.Ingest").StartAsync(StartTimeout);
            foreach (var pair in Consumers.Chunk(2))
                await Task.WhenAll(pair.Select(c => system.Add(c, "AiFinOps." + char.ToUpperInvariant(c[0]) + c[1..]).StartAsync(StartTimeout)));
            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts a killed service again on the same port with the same configuration, and waits until it is healthy.</summary>
    public Task RestartAsync(string service) => services[service].StartAsync(StartTimeout);

    private SupervisedProcess Add(string service, string project)
    {
        var command = new ProcessStartInfo("dotnet", [Repository.ServiceAssembly(project)])
        {
            WorkingDirectory = Path.GetDirectoryName(Repository.ServiceAssembly(project))!,
        };
        var environment = command.Environment;
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["DOTNET_ENVIRONMENT"] = "Production";
        environment["ConnectionStrings__aifinops"] = DatabaseConnection;
        environment["ConnectionStrings__messaging"] = Messaging;
        environment["Messaging__Prefix"] = Name;
        environment["AIFINOPS_ADMIN_KEY"] = AdminKey;
        environment["AIFINOPS_KEYS_URL"] = Address("ingest").ToString();
        foreach (var other in new[] { "ingest" }.Concat(Consumers))
            environment[$"services__{other}__http__0"] = Address(other).ToString();
        environment["Kestrel__Endpoints__http__Url"] = Address(service).ToString();
        environment["Kestrel__Endpoints__http__Protocols"] = "Http1";
        if (service == "ingest")
        {
            environment["Kestrel__Endpoints__grpc__Url"] = IngestGrpc.ToString();
            environment["Kestrel__Endpoints__grpc__Protocols"] = "Http2";
            // Ingest starts first: it holds usage until the queues of exactly these consumers exist.
            environment["Ingest__Backpressure__Consumers"] = string.Join(',', Consumers.Where(c => c != "notifications"));
        }
        environment["Logging__LogLevel__Default"] = "Information";
        environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
        environment["Logging__LogLevel__System.Net.Http"] = "Warning";
        environment["Logging__LogLevel__Microsoft.Extensions.Http"] = "Warning";
        // Six services and the load share two cores with other test projects: one GC heap each.
        environment["DOTNET_gcServer"] = "0";
        environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");

        var health = new HttpClient { BaseAddress = Address(service), Timeout = TimeSpan.FromSeconds(5) };
        var process = new SupervisedProcess(service, command, async () =>
        {
            try
            {
                using var response = await health.GetAsync("/health");
                return response.IsSuccessStatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, Repository.LogFolder(Name));
        services[service] = process;
        return process;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in services.Values.Reverse())
        {
            await service.StopAsync(TimeSpan.FromSeconds(20));
            await service.DisposeAsync();
        }
    }
}
