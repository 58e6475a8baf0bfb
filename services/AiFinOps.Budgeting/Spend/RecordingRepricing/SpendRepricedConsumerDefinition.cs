using AiFinOps.ServiceDefaults.Messaging;
using MassTransit;

namespace AiFinOps.Budgeting.Spend.RecordingRepricing;

public sealed class SpendRepricedConsumerDefinition : ConsumerDefinition<SpendRepricedConsumer>
{
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<SpendRepricedConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Intervals(ConsumerRetry.IntervalsMs));
    }
}
