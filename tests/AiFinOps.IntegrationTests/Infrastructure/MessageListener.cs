using System.Collections.Concurrent;
using MassTransit;

namespace AiFinOps.IntegrationTests.Infrastructure;

/// <summary>
/// A subscriber of one message type published under a test system's prefix, as another service would be: records
/// every delivery with its message id, duplicates included.
/// </summary>
public sealed class MessageListener<T> : IAsyncDisposable where T : class
{
    private readonly IBusControl bus;

    public ConcurrentQueue<(Guid? MessageId, T Message)> Received { get; } = new();

    private MessageListener(string prefix)
    {
        bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(TestServers.RabbitMq));
            rabbit.MessageTopology.SetEntityNameFormatter(new PrefixEntityNameFormatter(rabbit.MessageTopology.EntityNameFormatter, prefix + "."));
            rabbit.ReceiveEndpoint($"{prefix}-test-{typeof(T).Name.ToLowerInvariant()}-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.Handler<T>(context =>
                {
                    Received.Enqueue((context.MessageId, context.Message));
                    return Task.CompletedTask;
                });
            });
        });
    }

    /// <summary>Listens on the exchanges of <paramref name="system"/> (its <see cref="AiFinOpsSystem.MessagingPrefix"/>).</summary>
    public static Task<MessageListener<T>> StartAsync(AiFinOpsSystem system) => StartAsync(system.MessagingPrefix);

    /// <summary>Listens on the exchanges of the system whose exchanges and queues carry <paramref name="prefix"/>.</summary>
    public static async Task<MessageListener<T>> StartAsync(string prefix)
    {
        var listener = new MessageListener<T>(prefix);
        await listener.bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        return listener;
    }

    public IReadOnlyList<(Guid? MessageId, T Message)> Where(Func<T, bool> matches) => Received.Where(r => matches(r.Message)).ToList();

    public ValueTask DisposeAsync() => new(bus.StopAsync());
}
