using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiFinOps.ServiceDefaults.Messaging.Upgrading;

/// <summary>
/// The outcome of the start-up check of the receive queues, as a health check (<c>receive-queues</c>): unhealthy, with
/// the reason and what to do, while a queue could not be migrated.
/// </summary>
public sealed class ReceiveQueueUpgradeState : IHealthCheck
{
    private volatile string? failure;

    public void Succeeded() => failure = null;

    public void Failed(string reason) => failure = reason;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(failure is { } reason
            ? HealthCheckResult.Unhealthy($"receive queue migration failed: {reason}")
            : HealthCheckResult.Healthy());
}
