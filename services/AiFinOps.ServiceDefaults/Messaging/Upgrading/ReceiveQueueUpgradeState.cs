using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiFinOps.ServiceDefaults.Messaging.Upgrading;

/// <summary>
/// Where the start-up check of the receive queues stands, as a health check (<c>receive-queues</c>): unhealthy, with
/// what is wrong and what happens next, while the broker cannot be reached, while another replica holds a queue's
/// migration lock, or once a queue could not be migrated. The bus of the service waits for this check to pass.
/// </summary>
public sealed class ReceiveQueueUpgradeState : IHealthCheck
{
    private volatile string? problem;

    public void Succeeded() => problem = null;

    /// <summary>A queue that cannot be migrated automatically: the bus does not start until an operator resolves it.</summary>
    public void Failed(string reason) => problem = $"receive queue migration failed: {reason}";

    /// <summary>The broker does not answer (or dropped the connection): the check is tried again.</summary>
    public void BrokerUnreachable(string reason, TimeSpan retry) =>
        problem = $"RabbitMQ cannot be reached ({reason}): the receive queues are not checked yet and the bus does not " +
            $"start; retrying every {retry.TotalSeconds:0} s";

    /// <summary>Another replica holds <paramref name="queue"/>'s migration lock: this one waits for it to finish.</summary>
    public void WaitingForLock(QueueDeclaration queue) =>
        problem = $"waiting for the migration of receive queue {queue.Queue}: another replica holds its lock " +
            $"({queue.Lock}); the bus starts once it has finished";

    /// <summary>The service stopped before its receive queues were checked.</summary>
    public void Abandoned() => problem = "the service stopped before its receive queues were checked; the bus did not start";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(problem is { } description ? HealthCheckResult.Unhealthy(description) : HealthCheckResult.Healthy());
}
