using AiFinOps.Contracts.Messages;
using Marten;
using MassTransit;

namespace AiFinOps.Reporting.Outcomes.RecordingOutcomes;

public sealed class OutcomeBatchRecordedConsumer(IDocumentStore store, ILogger<OutcomeBatchRecordedConsumer> logger) : IConsumer<OutcomeBatchRecorded>
{
    public async Task Consume(ConsumeContext<OutcomeBatchRecorded> context)
    {
        var batch = context.Message;
        var recorded = await RecordOutcomes.HandleAsync(store, batch.Outcomes, context.CancellationToken);
        logger.LogDebug("Batch {BatchId}: recorded {Recorded} of {Outcomes} outcomes", batch.BatchId, recorded, batch.Outcomes.Count);
    }
}
