using AiFinOps.Contracts.Messages;
using MassTransit;

namespace AiFinOps.Reporting.Usage.RecordingUsage;

public sealed class UsageBatchPricedConsumer(ProfileCalls profile, ILogger<UsageBatchPricedConsumer> logger) : IConsumer<UsageBatchPriced>
{
    public async Task Consume(ConsumeContext<UsageBatchPriced> context)
    {
        var batch = context.Message;
        var profiled = await profile.HandleAsync(batch.Usages, context.CancellationToken);
        logger.LogDebug("Batch {BatchId}: profiled {Profiled} of {Usages} calls", batch.BatchId, profiled, batch.Usages.Count);
    }
}
