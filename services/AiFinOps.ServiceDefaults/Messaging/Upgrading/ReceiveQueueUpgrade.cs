using MassTransit;
using MassTransit.RabbitMqTransport.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace AiFinOps.ServiceDefaults.Messaging.Upgrading;

/// <summary>
/// Before the bus starts, brings every receive queue of this service to the type this version declares: a classic
/// queue left by an earlier version is migrated (<see cref="ClassicQueueMigrator"/>), one replica at a time, the others
/// waiting. What cannot be migrated fails loudly: the bus does not start and <see cref="ReceiveQueueUpgradeState"/> makes
/// the service unhealthy with what to do.
/// </summary>
/// <remarks>
/// Only the bus waits here, never the web host: services start their bus without waiting for it (MassTransit's
/// <c>WaitUntilStarted</c> is off outside the test hosts), so a service started while the broker is down listens,
/// answers <c>/alive</c> and says in <c>/health</c> what its bus waits for. The wait ends with the host
/// (<see cref="IHostApplicationLifetime.ApplicationStopping"/>): a service asked to stop does not keep retrying.
/// </remarks>
public sealed class ReceiveQueueUpgrade(Uri broker, ReceiveQueueUpgradeState state, IHostApplicationLifetime lifetime,
    ILogger<ReceiveQueueUpgrade> logger) : IBusObserver
{
    private readonly List<IRabbitMqReceiveEndpointConfiguration> endpoints = [];

    /// <summary>How often a replica waiting for another one's migration looks again.</summary>
    public static TimeSpan LockPoll { get; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long to wait before trying an unreachable broker again.</summary>
    public static TimeSpan BrokerRetry { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Called for each endpoint <c>ConfigureEndpoints</c> creates; read at start, once every configurator ran.</summary>
    public void Add(IReceiveEndpointConfigurator endpoint)
    {
        if (endpoint is IRabbitMqReceiveEndpointConfiguration rabbit) lock (endpoints) endpoints.Add(rabbit);
    }

    public async Task PreStart(IBus bus)
    {
        List<QueueDeclaration> queues;
        lock (endpoints) queues = endpoints.Select(e => QueueDeclaration.Of(e.Settings)).Where(q => q.IsQuorum).ToList();
        if (queues.Count == 0)
        {
            state.Succeeded();
            return;
        }
        var stopping = lifetime.ApplicationStopping;
        try
        {
            await MigrateAsync(queues, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            state.Abandoned();
            logger.LogInformation("Queue migration: the service is stopping; the receive queues were not checked and the bus does not start");
            throw;
        }
    }

    private async Task MigrateAsync(List<QueueDeclaration> queues, CancellationToken stopping)
    {
        while (true)
        {
            try
            {
                await using var connection = await new ConnectionFactory { Uri = broker, ClientProvidedName = "queue-migration" }
                    .CreateConnectionAsync(stopping);
                var migrator = new ClassicQueueMigrator(connection, logger);
                foreach (var queue in queues) await migrator.MigrateAsync(queue, LockPoll, state.WaitingForLock, stopping);
                state.Succeeded();
                return;
            }
            catch (QueueMigrationException e)
            {
                state.Failed(e.Message);
                logger.LogCritical("Queue migration: {Reason}. The bus of this service does not start until it is resolved", e.Message);
                throw;
            }
            catch (Exception e) when (BrokerFailures.IsTransient(e) && !stopping.IsCancellationRequested)
            {
                // Every step can run again: the next attempt finishes what this one began.
                state.BrokerUnreachable(e.Message, BrokerRetry);
                logger.LogWarning("Queue migration: cannot check or migrate the receive queues ({Reason}); retrying in {Seconds} s",
                    e.Message, BrokerRetry.TotalSeconds);
                await Task.Delay(BrokerRetry, stopping);
            }
        }
    }

    public void PostCreate(IBus bus) { }
    public void CreateFaulted(Exception exception) { }
    public Task PostStart(IBus bus, Task<BusReady> busReady) => Task.CompletedTask;
    public Task StartFaulted(IBus bus, Exception exception) => Task.CompletedTask;
    public Task PreStop(IBus bus) => Task.CompletedTask;
    public Task PostStop(IBus bus) => Task.CompletedTask;
    public Task StopFaulted(IBus bus, Exception exception) => Task.CompletedTask;
}
