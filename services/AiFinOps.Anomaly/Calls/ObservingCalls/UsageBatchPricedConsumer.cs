using AiFinOps.Contracts.Messages;
using Marten;
using MassTransit;

namespace AiFinOps.Anomaly.Calls.ObservingCalls;

public sealed class UsageBatchPricedConsumer(IDocumentStore store, ILogger<UsageBatchPricedConsumer> logger) : IConsumer<UsageBatchPriced>
{
    public async Task Consume(ConsumeContext<UsageBatchPriced> context)
    {
        var batch = context.Message;
        var observed = await ObserveCalls.HandleAsync(store, batch.Usages, context.CancellationToken);
        logger.LogDebug("Batch {BatchId}: observed {Observed} of {Usages} usages", batch.BatchId, observed, batch.Usages.Count);
    }
}
