using AiFinOps.Allocation.Spend.GettingSpend;
using AiFinOps.Ingest.Recording;
using AiFinOps.Ingest.Recording.Backpressure;
using AiFinOps.IntegrationTests.Infrastructure;
using AiFinOps.ServiceDefaults.Messaging.Upgrading;
using Grpc.Core;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiFinOps.IntegrationTests.Upgrading;

/// <summary>
/// An installation upgraded from a version whose receive queues were classic queues: the services migrate them to
/// quorum queues as they start, every waiting message processed once, and say so loudly when they cannot.
/// </summary>
public sealed class ClassicQueueUpgradeTests
{
    private static readonly Metadata Admin = AiFinOpsSystem.Bearer(AiFinOpsSystem.AdminKey);

    [Fact]
    public async Task Two_replicas_starting_at_once_migrate_the_classic_queues_and_process_every_waiting_message_once()
    {
        await using var system = await AiFinOpsSystem.WithoutConsumersAsync();
        var queue = ConsumerLagProbe.UsageQueue(system.MessagingPrefix, "allocation");
        var (client, team) = await ClassicQueueWithWaitingUsageAsync(system, batches: 5);

        var replicas = new[] { Replica(system), Replica(system) };
        await Task.WhenAll(replicas.Select(r => Task.Run(() => r.Server)));

        Assert.True(await BrokerQueues.IsOfTypeAsync(queue, "quorum"), $"{queue} should be a quorum queue now");
        Assert.Null(await BrokerQueues.ReadAsync(queue + ".migrating"));
        var spend = await Eventually.Until(() => SpendApi.ByTeamAsync(replicas[0], AiFinOpsSystem.AdminKey),
            s => s.TryGetValue(team, out var t) && t.Events >= 15, "allocation booked the waiting usage");
        Assert.Equal(15, spend[team].Events);
        var consumed = replicas.SelectMany(r => r.Services.GetRequiredService<UsageMessagesConsumed>().Ids).ToList();
        Assert.Equal(5, consumed.Count);
        Assert.Equal(5, consumed.Distinct().Count());

        // The new queue is bound like the old one: usage sent now reaches it.
        await client.RecordBatchAsync(Usage.Batch(Usage.Call(team)), Admin);
        spend = await Eventually.Until(() => SpendApi.ByTeamAsync(replicas[1], AiFinOpsSystem.AdminKey),
            s => s.TryGetValue(team, out var t) && t.Events >= 16, "allocation booked usage sent after the migration");
        Assert.Equal(16, spend[team].Events);
    }

    [Fact]
    public async Task A_migration_that_died_half_way_is_finished_by_the_next_start_and_loses_nothing()
    {
        await using var system = await AiFinOpsSystem.WithoutConsumersAsync();
        var queue = ConsumerLagProbe.UsageQueue(system.MessagingPrefix, "allocation");
        var (_, team) = await ClassicQueueWithWaitingUsageAsync(system, batches: 6);
        await BrokerQueues.InterruptedMigrationAsync(queue, count: 4);
        Assert.Equal(2u, (await BrokerQueues.ReadAsync(queue))?.Messages);

        var replica = Replica(system);
        _ = replica.Server;

        Assert.True(await BrokerQueues.IsOfTypeAsync(queue, "quorum"), $"{queue} should be a quorum queue now");
        Assert.Null(await BrokerQueues.ReadAsync(queue + ".migrating"));
        var spend = await Eventually.Until(() => SpendApi.ByTeamAsync(replica, AiFinOpsSystem.AdminKey),
            s => s.TryGetValue(team, out var t) && t.Events >= 18, "allocation booked the waiting usage");
        Assert.Equal(18, spend[team].Events);
        var consumed = replica.Services.GetRequiredService<UsageMessagesConsumed>().Ids;
        Assert.Equal(6, consumed.Count);
        Assert.Equal(6, consumed.Distinct().Count());
    }

    [Fact]
    public async Task A_replica_leaves_the_queue_alone_while_another_holds_its_migration_lock_and_migrates_once_it_is_released()
    {
        await using var system = await AiFinOpsSystem.WithoutConsumersAsync();
        var queue = ConsumerLagProbe.UsageQueue(system.MessagingPrefix, "allocation");
        var (_, team) = await ClassicQueueWithWaitingUsageAsync(system, batches: 2);
        var otherReplica = await BrokerQueues.HoldMigrationLockAsync(queue);

        var replica = Replica(system, web => web.ConfigureTestServices(services =>
            services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = false)));
        _ = replica.Server;
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.True(await BrokerQueues.IsOfTypeAsync(queue, "classic"), "the waiting replica must not touch the queue");
        Assert.Equal((2u, 0u), await BrokerQueues.ReadAsync(queue));
        var waiting = await replica.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Unhealthy, waiting.Entries["receive-queues"].Status);
        Assert.Contains($"another replica holds its lock ({queue}.migration-lock)", waiting.Entries["receive-queues"].Description);

        await otherReplica.DisposeAsync();
        var spend = await Eventually.Until(() => SpendApi.ByTeamAsync(replica, AiFinOpsSystem.AdminKey),
            s => s.TryGetValue(team, out var t) && t.Events >= 6, "allocation booked the waiting usage");
        Assert.Equal(6, spend[team].Events);
        Assert.True(await BrokerQueues.IsOfTypeAsync(queue, "quorum"), $"{queue} should be a quorum queue now");
    }

    [Fact]
    public async Task A_queue_that_cannot_be_migrated_makes_the_service_unhealthy_with_what_to_do()
    {
        await using var system = await AiFinOpsSystem.WithoutConsumersAsync();
        var queue = ConsumerLagProbe.UsageQueue(system.MessagingPrefix, "allocation");
        await BrokerQueues.DeclareForeignAsync(queue);

        // As in production: the service starts without waiting for its bus, and its health says why the bus is down.
        var allocation = Replica(system, web => web.ConfigureTestServices(services =>
            services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = false)));
        _ = allocation.Server;

        var report = await Eventually.Until(() => allocation.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(),
            r => r.Entries["receive-queues"].Status == HealthStatus.Unhealthy, "the receive-queues check reports the failed migration");
        var description = report.Entries["receive-queues"].Description;
        Assert.Contains(queue, description);
        Assert.Contains("docs/replicas.md", description);
        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Equal(0u, (await BrokerQueues.ReadAsync(queue))?.Consumers);
    }

    /// <summary>
    /// The earlier version's allocation (classic queues) started once and stopped; then usage arrived for it through an
    /// ingest that watches only allocation: <paramref name="batches"/> persistent messages of 3 events each now wait in
    /// its classic queue.
    /// </summary>
    private static async Task<(Contracts.Usage.V1.UsageIngest.UsageIngestClient Client, string Team)> ClassicQueueWithWaitingUsageAsync(
        AiFinOpsSystem system, int batches)
    {
        var earlier = system.AllocationHost(web => web.UseSetting("Messaging:QueueType", "classic"));
        _ = earlier.Server;
        await earlier.DisposeAsync();
        var queue = ConsumerLagProbe.UsageQueue(system.MessagingPrefix, "allocation");
        Assert.True(await BrokerQueues.IsOfTypeAsync(queue, "classic"), $"{queue} should be a classic queue to begin with");

        var client = system.IngestClient(system.Host<UsageRecorder>(verifyThroughIngest: false, web =>
        {
            web.UseSetting("Ingest:Backpressure:Consumers", "allocation");
            web.UseSetting("Ingest:Backpressure:ConsumerGrace", "00:10:00");
            web.UseSetting("Ingest:Backpressure:MaxBacklog", "100");
        }));
        var team = "upgrade-" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < batches; i++)
            Assert.Equal(3, (await client.RecordBatchAsync(Usage.Batch(Usage.Call(team), Usage.Call(team), Usage.Call(team)), Admin)).Accepted);
        Assert.Equal((uint)batches, (await BrokerQueues.ReadAsync(queue))?.Messages);
        return (client, team);
    }

    /// <summary>This version's allocation (quorum queues), counting the usage messages it processes.</summary>
    private static WebApplicationFactory<SpendReader> Replica(AiFinOpsSystem system, Action<IWebHostBuilder>? configure = null) =>
        system.AllocationHost(web =>
        {
            web.ConfigureTestServices(services =>
            {
                services.AddSingleton<UsageMessagesConsumed>();
                services.AddConsumeObserver(provider => provider.GetRequiredService<UsageMessagesConsumed>());
            });
            configure?.Invoke(web);
        });
}
