using AiFinOps.Contracts.Messages;
using AiFinOps.ServiceDefaults.Messaging;
using MassTransit;

namespace AiFinOps.Reporting.Usage.RecordingUsage;

/// <summary>Profiles the calls of several bus messages at once (a batch, see <see cref="UsageBatches"/>) in one transaction.</summary>
public sealed class UsageBatchPricedConsumer(ProfileCalls profile, ILogger<UsageBatchPricedConsumer> logger) : IConsumer<Batch<UsageBatchPriced>>
{
    public async Task Consume(ConsumeContext<Batch<UsageBatchPriced>> context)
    {
        var usages = context.Message.SelectMany(m => m.Message.Usages).ToList();
        var profiled = await profile.HandleAsync(usages, context.CancellationToken);
        logger.LogDebug("{Messages} messages: profiled {Profiled} of {Usages} calls", context.Message.Length, profiled, usages.Count);
    }
}
