using AiFinOps.Contracts.Messages;
using Marten;
using MassTransit;
using Npgsql;

namespace AiFinOps.Notifications.Deliveries.RoutingAlerts;

public sealed class AlertRaisedConsumer(NpgsqlDataSource database, IDocumentStore store, DeliverySignal signal,
    TimeProvider clock, ILogger<AlertRaisedConsumer> logger) : IConsumer<AlertRaised>
{
    public async Task Consume(ConsumeContext<AlertRaised> context)
    {
        var alert = context.Message;
        var queued = await RouteAlert.HandleAsync(database, store, alert, clock.GetUtcNow(), context.CancellationToken);
        if (queued.Count > 0) signal.Raise();
        logger.LogInformation("Alert {AlertId} ({Kind}, {Severity}): {Queued} deliveries queued", alert.AlertId, alert.Kind, alert.Severity, queued.Count);
    }
}
