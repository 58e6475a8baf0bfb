using MassTransit;

namespace AiFinOps.Allocation.Ledger.RecordingUsage;

/// <summary>Retries cover transient database errors and the lost race of a concurrent redelivery.</summary>
public sealed class UsageBatchPricedConsumerDefinition : ConsumerDefinition<UsageBatchPricedConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<UsageBatchPricedConsumer> consumer, IRegistrationContext context)
    {
        endpoint.UseMessageRetry(retry => retry.Exponential(10, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200)));
        endpoint.PrefetchCount = 16;
    }
}
