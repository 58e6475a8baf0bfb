using AiFinOps.ServiceDefaults.Messaging;
using MassTransit;

namespace AiFinOps.Reporting.Usage.RecordingUsage;

public sealed class UsageBatchPricedConsumerDefinition : ConsumerDefinition<UsageBatchPricedConsumer>
{
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<UsageBatchPricedConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Intervals(ConsumerRetry.IntervalsMs));
    }
}
