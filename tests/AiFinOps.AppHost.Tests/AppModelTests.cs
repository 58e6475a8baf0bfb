using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace AiFinOps.AppHost.Tests;

/// <summary>The app model each infrastructure mode builds, without starting anything (no container engine needed).</summary>
public sealed class AppModelTests : IDisposable
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "aifinops-model-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dataFolder)) Directory.Delete(_dataFolder, recursive: true);
    }

    [Fact]
    public async Task Containers_mode_keeps_postgres_and_rabbitmq_in_containers_with_data_volumes()
    {
        var resources = await ModelAsync("--Infrastructure=containers");

        var postgres = Assert.IsType<PostgresServerResource>(resources.Single(r => r.Name == "postgres"));
        Assert.IsType<PostgresDatabaseResource>(resources.Single(r => r.Name == "aifinops"));
        var rabbitmq = Assert.IsType<RabbitMQServerResource>(resources.Single(r => r.Name == "messaging"));
        Assert.Contains(postgres.Annotations.OfType<ContainerMountAnnotation>(), m => m.Type == ContainerMountType.Volume);
        Assert.Contains(rabbitmq.Annotations.OfType<ContainerMountAnnotation>(), m => m.Type == ContainerMountType.Volume);
        Assert.DoesNotContain(resources, StartsAServer);
    }

    [Fact]
    public async Task External_mode_starts_no_server_and_reads_both_connection_strings()
    {
        var resources = await ModelAsync("--Infrastructure=external",
            "--ConnectionStrings:aifinops=Host=db.example;Database=aifinops", "--ConnectionStrings:messaging=amqp://mq.example");

        Assert.IsAssignableFrom<IResourceWithConnectionString>(resources.Single(r => r.Name == "aifinops"));
        Assert.IsAssignableFrom<IResourceWithConnectionString>(resources.Single(r => r.Name == "messaging"));
        Assert.DoesNotContain(resources, r => r is ContainerResource || StartsAServer(r));
    }

    [Fact]
    public async Task Executables_mode_runs_the_scripts_on_the_configured_ports_and_every_service_waits_for_both()
    {
        var resources = await ModelAsync("--Infrastructure=executables", "--Postgres:Port=45001", "--RabbitMQ:Port=45002");

        var postgres = Assert.IsType<ExecutableResource>(resources.Single(r => r.Name == "postgres"));
        var rabbitmq = Assert.IsType<ExecutableResource>(resources.Single(r => r.Name == "rabbitmq"));
        Assert.EndsWith("deploy/local/postgres.sh", postgres.Command);
        Assert.EndsWith("deploy/local/rabbitmq.sh", rabbitmq.Command);
        Assert.Equal(45001, Assert.Single(postgres.Annotations.OfType<EndpointAnnotation>()).Port);
        Assert.Equal(45002, Assert.Single(rabbitmq.Annotations.OfType<EndpointAnnotation>()).Port);

        // The gateway and the dashboard only speak to the services; everything else waits for both servers.
        foreach (var service in resources.OfType<ProjectResource>().Where(p => p.Name is not ("gateway" or "web")))
        {
            var waitsFor = service.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name).ToList();
            Assert.Contains("postgres", waitsFor);
            Assert.Contains("rabbitmq", waitsFor);
        }
    }

    [Fact]
    public async Task Notifications_is_behind_the_gateway_and_gets_the_smtp_settings_given_to_the_app_host()
    {
        var resources = await ModelAsync("--Infrastructure=external", "--ConnectionStrings:aifinops=x", "--ConnectionStrings:messaging=y",
            "--Notifications:Smtp:Host=smtp.example", "--Notifications:Smtp:Port=2525", "--Notifications:Smtp:From=alerts@example.com");

        var notifications = Assert.IsType<ProjectResource>(resources.Single(r => r.Name == "notifications"));
        var environment = await EnvironmentOfAsync(notifications);
        Assert.Equal<object>(["smtp.example", "2525", "alerts@example.com"], [environment["Notifications__Smtp__Host"],
            environment["Notifications__Smtp__Port"], environment["Notifications__Smtp__From"]]);
        Assert.DoesNotContain("Notifications__Smtp__Password", environment.Keys);
        var gateway = resources.Single(r => r.Name == "gateway");
        Assert.Contains(gateway.Annotations.OfType<ResourceRelationshipAnnotation>(), r => r.Resource.Name == "notifications");
    }

    [Fact]
    public async Task The_dashboard_is_behind_the_gateway_and_reads_the_services_without_a_key_of_its_own()
    {
        var resources = await ModelAsync("--Infrastructure=external", "--ConnectionStrings:aifinops=x", "--ConnectionStrings:messaging=y");

        var web = Assert.IsType<ProjectResource>(resources.Single(r => r.Name == "web"));
        var references = web.Annotations.OfType<ResourceRelationshipAnnotation>().Select(r => r.Resource.Name).ToList();
        foreach (var service in new[] { "ingest", "allocation", "budgeting", "anomaly", "reporting" }) Assert.Contains(service, references);
        Assert.DoesNotContain("AIFINOPS_ADMIN_KEY", (await EnvironmentOfAsync(web)).Keys);
        var gateway = resources.Single(r => r.Name == "gateway");
        Assert.Contains(gateway.Annotations.OfType<ResourceRelationshipAnnotation>(), r => r.Resource.Name == "web");
    }

    [Fact]
    public async Task Reporting_reads_the_services_its_reports_come_from_with_the_admin_key_as_its_service_key()
    {
        var resources = await ModelAsync("--Infrastructure=external", "--ConnectionStrings:aifinops=x", "--ConnectionStrings:messaging=y");

        var reporting = Assert.IsType<ProjectResource>(resources.Single(r => r.Name == "reporting"));
        var key = Assert.IsType<ParameterResource>((await EnvironmentOfAsync(reporting))["AIFINOPS_ADMIN_KEY"]);
        Assert.Equal("admin-key", key.Name);
        Assert.True(key.Secret);
        var references = reporting.Annotations.OfType<ResourceRelationshipAnnotation>().Select(r => r.Resource.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "ingest", "allocation", "budgeting", "anomaly" }, references);
    }

    [Fact]
    public async Task Ingest_waits_for_the_usage_queues_of_exactly_the_consumers_the_app_host_runs()
    {
        var resources = await ModelAsync("--Infrastructure=external", "--ConnectionStrings:aifinops=x", "--ConnectionStrings:messaging=y");

        var ingest = Assert.IsType<ProjectResource>(resources.Single(r => r.Name == "ingest"));
        var watched = Assert.IsType<string>((await EnvironmentOfAsync(ingest))["Ingest__Backpressure__Consumers"]).Split(',');
        Assert.Equal(["allocation", "budgeting", "anomaly", "reporting"], watched);
        Assert.All(watched, consumer => Assert.IsType<ProjectResource>(resources.Single(r => r.Name == consumer)));
    }

    [Fact]
    public async Task The_admin_key_is_generated_once_into_the_data_folder()
    {
        await ModelAsync("--Infrastructure=external", "--ConnectionStrings:aifinops=x", "--ConnectionStrings:messaging=y");
        var generated = File.ReadAllText(Path.Combine(_dataFolder, "secrets", "admin-key")).Trim();

        await ModelAsync("--Infrastructure=external", "--ConnectionStrings:aifinops=x", "--ConnectionStrings:messaging=y");

        Assert.StartsWith("afo_admin_", generated);
        Assert.Equal(generated, File.ReadAllText(Path.Combine(_dataFolder, "secrets", "admin-key")).Trim());
    }

    /// <summary>The environment a resource's callbacks set, as the manifest would write it (nothing is started or allocated).</summary>
    private static async Task<IReadOnlyDictionary<string, object>> EnvironmentOfAsync(IResource resource)
    {
        var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Publish), resource);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>()) await callback.Callback(context);
        return context.EnvironmentVariables;
    }

    /// <summary>An executable that starts with the app host (each project's hidden "-rebuilder" only starts on demand).</summary>
    private static bool StartsAServer(IResource resource) =>
        resource is ExecutableResource && !resource.Annotations.OfType<ExplicitStartupAnnotation>().Any();

    private async Task<IReadOnlyList<IResource>> ModelAsync(params string[] args)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AiFinOps_AppHost>(
            [$"--AIFINOPS_DATA_DIR={_dataFolder}", .. args], timeout.Token);
        return [.. builder.Resources];
    }
}
