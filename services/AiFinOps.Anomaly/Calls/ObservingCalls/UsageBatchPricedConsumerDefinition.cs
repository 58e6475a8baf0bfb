using AiFinOps.ServiceDefaults.Messaging;
using MassTransit;

namespace AiFinOps.Anomaly.Calls.ObservingCalls;

/// <summary>
/// Usage in batches of bus messages, as every usage consumer takes it (<see cref="UsageBatches"/>), except that a batch
/// collects for up to <see cref="CollectFor"/> and takes up to <see cref="MessageLimit"/> messages. Every batch touches
/// nearly every workflow, so anomaly's batches serialise on the workflows' rows; a batch that closes after 50 ms while
/// the one before still runs holds only the messages its predecessor's acknowledgement let in, and batches stay as small
/// as they started (one or two messages under full load: every statement, lock and commit paid per 500 usages).
/// Collecting for longer lets a batch gather what several finished batches let in, up to the message limit, which is
/// what keeps the consumer up with ingest. At 20,000 usages/s a batch of half a second already filled the usual 20
/// messages; a second and 40 messages halve again what is paid per batch.
/// </summary>
public sealed class UsageBatchPricedConsumerDefinition : ConsumerDefinition<UsageBatchPricedConsumer>
{
    /// <summary>The most a usage waits for its batch to fill: detections are about runs, hours and months, not seconds.</summary>
    public static readonly TimeSpan CollectFor = TimeSpan.FromSeconds(1);

    /// <summary>Messages per batch: what a second holds at 20,000 usages/s.</summary>
    public const int MessageLimit = 40;

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<UsageBatchPricedConsumer> consumerConfigurator,
        IRegistrationContext context) =>
        UsageBatches.Configure(endpointConfigurator, consumerConfigurator, CollectFor, MessageLimit);
}
