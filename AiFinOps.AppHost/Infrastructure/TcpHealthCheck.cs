using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiFinOps.AppHost.Infrastructure;

/// <summary>Healthy once something accepts TCP connections on the port. The wrapper scripts create databases and
/// users before the servers listen, so an open port means a usable server.</summary>
public sealed class TcpHealthCheck(string host, int port) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port, timeout.Token);
            return HealthCheckResult.Healthy($"{host}:{port} accepts connections");
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"nothing accepts connections on {host}:{port} yet");
        }
    }
}
