using AiFinOps.Contracts.Messages;
using Marten;
using MassTransit;

namespace AiFinOps.Budgeting.Spend.RecordingSpend;

public sealed class UsageBatchPricedConsumer(IDocumentStore store, ILogger<UsageBatchPricedConsumer> logger) : IConsumer<UsageBatchPriced>
{
    public async Task Consume(ConsumeContext<UsageBatchPriced> context)
    {
        var batch = context.Message;
        var accrued = await RecordSpend.HandleAsync(store, batch.Usages, context.CancellationToken);
        logger.LogDebug("Batch {BatchId}: accrued {Accrued} of {Usages} usages", batch.BatchId, accrued, batch.Usages.Count);
    }
}
