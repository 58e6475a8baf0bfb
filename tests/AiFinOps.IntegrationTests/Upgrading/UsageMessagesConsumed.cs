using AiFinOps.Contracts.Messages;
using MassTransit;

namespace AiFinOps.IntegrationTests.Upgrading;

/// <summary>Every <c>UsageBatchPriced</c> message a host's consumers took off the bus, by message id: how often each was processed.</summary>
public sealed class UsageMessagesConsumed : IConsumeObserver
{
    private readonly List<Guid?> ids = [];

    public IReadOnlyList<Guid?> Ids
    {
        get
        {
            lock (ids) return [.. ids];
        }
    }

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.Message is UsageBatchPriced) lock (ids) ids.Add(context.MessageId);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
