using MassTransit;

namespace AiFinOps.Reporting.Outcomes.RecordingOutcomes;

public sealed class OutcomeBatchRecordedConsumerDefinition : ConsumerDefinition<OutcomeBatchRecordedConsumer>
{
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<OutcomeBatchRecordedConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        // On the endpoint, so every attempt gets a fresh scope and session. The retry of a batch that lost a
        // duplicate race finds the winner's streams and skips them.
        endpointConfigurator.UseMessageRetry(r => r.Intervals(50, 200, 500, 1000, 2000, 5000));
    }
}
