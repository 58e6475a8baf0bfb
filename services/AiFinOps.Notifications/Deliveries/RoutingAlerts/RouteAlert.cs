using AiFinOps.Contracts.Messages;
using AiFinOps.Notifications.Subscriptions;
using Marten;
using Npgsql;

namespace AiFinOps.Notifications.Deliveries.RoutingAlerts;

/// <summary>
/// Routes one alert exactly once: its targets (<see cref="AlertRouting"/>, over the subscriptions as they are now) queued
/// as deliveries whose ids derive from the alert and the target, so a redelivered or concurrent duplicate queues nothing.
/// </summary>
public static class RouteAlert
{
    /// <summary>The ids of the deliveries this call queued (none for a duplicate).</summary>
    public static async Task<IReadOnlyList<Guid>> HandleAsync(NpgsqlDataSource database, IDocumentStore store, AlertRaised alert,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        IReadOnlyList<Subscription> subscriptions;
        await using (var session = store.QuerySession())
        {
            subscriptions = await session.Query<Subscription>().Where(s => !s.Removed).ToListAsync(cancellationToken);
        }
        var targets = AlertRouting.Route(alert, subscriptions);
        return await DeliveryStore.QueueAsync(database, store.Options.DatabaseSchemaName, alert, targets, now, cancellationToken);
    }
}
