using AiFinOps.ServiceDefaults.Messaging;
using MassTransit;

namespace AiFinOps.Notifications.Deliveries.RoutingAlerts;

public sealed class AlertRaisedConsumerDefinition : ConsumerDefinition<AlertRaisedConsumer>
{
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<AlertRaisedConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Intervals(ConsumerRetry.IntervalsMs));
    }
}
