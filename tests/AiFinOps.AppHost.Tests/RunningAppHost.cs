using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace AiFinOps.AppHost.Tests;

/// <summary>
/// The whole system in executables mode, as <c>dotnet run --project AiFinOps.AppHost</c> starts it, but with a
/// private data folder and free ports everywhere: it never meets a developer's running system (5432, 5672, 5170,
/// 8080) nor the servers of deploy/local/test.sh (55432, 55672).
/// </summary>
public sealed class RunningAppHost : IAsyncLifetime
{
    public const string AdminKey = "afo_admin_apphost-tests";
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "aifinops-apphost-" + Guid.NewGuid().ToString("N"));

    public DistributedApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Nine resources on 2 cores that CI shares with every other test project: 2 minutes was not always enough.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var ports = FreePorts(4);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AiFinOps_AppHost>(
        [
            "--Infrastructure=executables",
            $"--AIFINOPS_DATA_DIR={_dataFolder}",
            $"--AIFINOPS_ADMIN_KEY={AdminKey}",
            $"--Postgres:Port={ports[0]}",
            $"--RabbitMQ:Port={ports[1]}",
            $"--RabbitMQ:DistPort={ports[2]}",
            $"--RabbitMQ:EpmdPort={ports[3]}",
        ], timeout.Token);

        // The services' fixed ports (ingest's 5170 and 5171, the gateway's 8080) become dynamic ones.
        foreach (var endpoint in builder.Resources.OfType<ProjectResource>().SelectMany(p => p.Annotations.OfType<EndpointAnnotation>()))
        {
            endpoint.Port = null;
        }

        App = await builder.BuildAsync(timeout.Token);
        await App.StartAsync(timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
        if (Directory.Exists(_dataFolder)) Directory.Delete(_dataFolder, recursive: true);
    }

    /// <summary>Waits until the resource reports healthy; fails at once, naming it, if it stops or cannot start.</summary>
    public async Task WaitUntilHealthyAsync(string resource, CancellationToken cancellationToken)
    {
        try
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, WaitBehavior.StopOnResourceUnavailable, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InvalidOperationException($"Resource '{resource}' did not become healthy: {Describe(resource)} ({e.Message})", e);
        }
    }

    /// <summary>The resource's current state for failure messages, e.g. "state Exited, exit code 1, health Unhealthy".</summary>
    public string Describe(string resource)
    {
        if (!App.ResourceNotifications.TryGetCurrentState(resource, out var current)) return "no state reported";
        var snapshot = current.Snapshot;
        var exitCode = snapshot.ExitCode is { } code ? $", exit code {code}" : "";
        return $"state {snapshot.State?.Text ?? "none"}{exitCode}, health {snapshot.HealthStatus?.ToString() ?? "none"}";
    }

    private static int[] FreePorts(int count)
    {
        // Hold every listener until all ports are known, so the same port cannot be handed out twice.
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
