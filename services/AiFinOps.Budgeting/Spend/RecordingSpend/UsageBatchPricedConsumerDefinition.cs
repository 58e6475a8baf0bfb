using AiFinOps.ServiceDefaults.Messaging;
using MassTransit;

namespace AiFinOps.Budgeting.Spend.RecordingSpend;

/// <summary>
/// Up to <see cref="MessageLimit"/> messages (of ~500 usages each) per transaction, collected for at most
/// <see cref="TimeLimit"/> — the most an alert waits for its batch to fill — and two transactions at a time: one
/// writes while the next collects.
/// </summary>
public sealed class UsageBatchPricedConsumerDefinition : ConsumerDefinition<UsageBatchPricedConsumer>
{
    public const int MessageLimit = 20;
    public const int ConcurrencyLimit = 2;
    public static readonly TimeSpan TimeLimit = TimeSpan.FromMilliseconds(50);

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<UsageBatchPricedConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Intervals(ConsumerRetry.IntervalsMs));
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit) rabbit.PrefetchCount = MessageLimit * ConcurrencyLimit;
        consumerConfigurator.Options<BatchOptions>(o => o
            .SetMessageLimit(MessageLimit)
            .SetTimeLimit(TimeLimit)
            .SetConcurrencyLimit(ConcurrencyLimit));
    }
}
