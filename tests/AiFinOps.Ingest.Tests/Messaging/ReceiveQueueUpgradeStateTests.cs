using AiFinOps.ServiceDefaults.Messaging.Upgrading;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiFinOps.Ingest.Tests.Messaging;

public sealed class ReceiveQueueUpgradeStateTests
{
    private static readonly QueueDeclaration Queue = new("allocation-usage-batch-priced", "allocation-usage-batch-priced", "", true, false,
        new Dictionary<string, object?> { ["x-queue-type"] = "quorum" }, new Dictionary<string, object?>());

    [Fact]
    public async Task An_unreachable_broker_is_named_as_such_with_the_retry_not_as_a_failed_migration()
    {
        var state = new ReceiveQueueUpgradeState();
        state.BrokerUnreachable("None of the specified endpoints were reachable", TimeSpan.FromSeconds(5));

        var result = await state.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.StartsWith("RabbitMQ cannot be reached (None of the specified endpoints were reachable)", result.Description);
        Assert.Contains("retrying every 5 s", result.Description);
        Assert.DoesNotContain("failed", result.Description);
    }

    [Fact]
    public async Task Waiting_for_another_replicas_lock_names_the_queue_and_its_lock()
    {
        var state = new ReceiveQueueUpgradeState();
        state.WaitingForLock(Queue);

        var result = await state.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("another replica holds its lock (allocation-usage-batch-priced.migration-lock)", result.Description);
    }

    [Fact]
    public async Task A_failed_migration_says_so_and_a_later_success_clears_every_problem()
    {
        var state = new ReceiveQueueUpgradeState();
        state.Failed("queue q exists with other arguments");
        Assert.Equal("receive queue migration failed: queue q exists with other arguments",
            (await state.CheckHealthAsync(new HealthCheckContext())).Description);

        state.Succeeded();

        Assert.Equal(HealthStatus.Healthy, (await state.CheckHealthAsync(new HealthCheckContext())).Status);
    }
}
