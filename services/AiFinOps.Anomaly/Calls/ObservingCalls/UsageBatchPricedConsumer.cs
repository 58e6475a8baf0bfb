using AiFinOps.Contracts.Messages;
using AiFinOps.ServiceDefaults.Messaging;
using MassTransit;

namespace AiFinOps.Anomaly.Calls.ObservingCalls;

/// <summary>
/// Observes the usages of several bus messages at once (a batch, see <see cref="UsageBatches"/>) in one transaction:
/// a workflow's watch row, which orders everything decided about it, is locked once per batch, not once per message.
/// </summary>
public sealed class UsageBatchPricedConsumer(ObserveCalls observe, ILogger<UsageBatchPricedConsumer> logger) : IConsumer<Batch<UsageBatchPriced>>
{
    public async Task Consume(ConsumeContext<Batch<UsageBatchPriced>> context)
    {
        var messages = context.Message;
        // One message keeps its own batch id (its stream is calls:{batchId}); several share a new one.
        var batchId = messages.Length == 1 ? messages[0].Message.BatchId : NewId.NextGuid();
        var usages = messages.SelectMany(m => m.Message.Usages).ToList();
        var done = await observe.HandleAsync(batchId, usages, context.CancellationToken);
        logger.LogDebug("{Messages} messages (batch {BatchId}): observed {Observed} of {Usages} usages, {Detections} detections, {Alerts} alerts",
            messages.Length, batchId, done.Calls, usages.Count, done.Detections, done.Alerts);
    }
}
