using AiFinOps.ServiceDefaults.Messaging;
using MassTransit;

namespace AiFinOps.Allocation.Ledger.RecordingUsage;

/// <summary>
/// Usage in batches of bus messages, as every usage consumer takes it (<see cref="UsageBatches"/>), except that a batch
/// collects for up to <see cref="CollectFor"/>. Booking a batch pays its rollup upserts, its event and its commit once
/// however many usages it holds; under full load a batch that closed after 50 ms held three or four messages, so a
/// third of allocation's statement time went to work paid per batch. The cost: spend shows a usage up to a quarter of a
/// second later.
/// </summary>
public sealed class UsageBatchPricedConsumerDefinition : ConsumerDefinition<UsageBatchPricedConsumer>
{
    /// <summary>The most a usage waits for its batch to fill: spend is read in hours and days, not milliseconds.</summary>
    public static readonly TimeSpan CollectFor = TimeSpan.FromMilliseconds(250);

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<UsageBatchPricedConsumer> consumerConfigurator,
        IRegistrationContext context) =>
        UsageBatches.Configure(endpointConfigurator, consumerConfigurator, CollectFor);
}
