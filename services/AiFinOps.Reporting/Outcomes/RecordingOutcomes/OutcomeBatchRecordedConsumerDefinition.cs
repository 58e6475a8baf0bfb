using AiFinOps.ServiceDefaults.Messaging;
using MassTransit;

namespace AiFinOps.Reporting.Outcomes.RecordingOutcomes;

public sealed class OutcomeBatchRecordedConsumerDefinition : ConsumerDefinition<OutcomeBatchRecordedConsumer>
{
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<OutcomeBatchRecordedConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Intervals(ConsumerRetry.IntervalsMs));
    }
}
