using AiFinOps.ServiceDefaults.Messaging;
using MassTransit;

namespace AiFinOps.Reporting.Usage.RecordingUsage;

/// <summary>Usage in batches of bus messages, as every usage consumer takes it (<see cref="UsageBatches"/>).</summary>
public sealed class UsageBatchPricedConsumerDefinition : ConsumerDefinition<UsageBatchPricedConsumer>
{
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<UsageBatchPricedConsumer> consumerConfigurator,
        IRegistrationContext context) =>
        UsageBatches.Configure(endpointConfigurator, consumerConfigurator);
}
