using MassTransit;

namespace AiFinOps.IntegrationTests.Replicas;

/// <summary>How many messages one host's consumers took off the bus: proof that a replica competed for its queue.</summary>
public sealed class ConsumedMessages : IConsumeObserver
{
    private int count;

    public int Count => Volatile.Read(ref count);

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        Interlocked.Increment(ref count);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
