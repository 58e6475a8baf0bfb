using AiFinOps.Contracts.Messages;
using MassTransit;

namespace AiFinOps.Anomaly.Calls.ObservingCalls;

public sealed class UsageBatchPricedConsumer(ObserveCalls observe, ILogger<UsageBatchPricedConsumer> logger) : IConsumer<UsageBatchPriced>
{
    public async Task Consume(ConsumeContext<UsageBatchPriced> context)
    {
        var batch = context.Message;
        var done = await observe.HandleAsync(batch.BatchId, batch.Usages, context.CancellationToken);
        logger.LogDebug("Batch {BatchId}: observed {Observed} of {Usages} usages, {Detections} detections, {Alerts} alerts",
            batch.BatchId, done.Calls, batch.Usages.Count, done.Detections, done.Alerts);
    }
}
