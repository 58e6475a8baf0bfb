using AiFinOps.ServiceDefaults.Messaging;
using MassTransit;

namespace AiFinOps.Allocation.Ledger.RecordingUsage;

public sealed class UsageBatchPricedConsumerDefinition : ConsumerDefinition<UsageBatchPricedConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<UsageBatchPricedConsumer> consumer, IRegistrationContext context)
    {
        endpoint.UseMessageRetry(r => r.Intervals(ConsumerRetry.IntervalsMs));
    }
}
