using System.Collections.Concurrent;
using AiFinOps.Contracts.Messages;
using MassTransit;

namespace AiFinOps.Anomaly.Tests;

/// <summary>A subscriber of the service's <see cref="AlertRaised"/> messages on the real broker, as the notifications service would be.</summary>
public sealed class AlertListener : IAsyncDisposable
{
    private readonly IBusControl bus;

    public ConcurrentQueue<(Guid? MessageId, AlertRaised Alert)> Received { get; } = new();

    private AlertListener(string prefix)
    {
        bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(TestServers.RabbitMq));
            rabbit.MessageTopology.SetEntityNameFormatter(new PrefixEntityNameFormatter(rabbit.MessageTopology.EntityNameFormatter, prefix + "."));
            rabbit.ReceiveEndpoint($"{prefix}-test-alerts-{Guid.NewGuid():N}", e =>
            {
                e.AutoDelete = true;
                e.Handler<AlertRaised>(context =>
                {
                    Received.Enqueue((context.MessageId, context.Message));
                    return Task.CompletedTask;
                });
            });
        });
    }

    /// <summary>Listens on the exchanges of the service app whose messaging prefix is <paramref name="prefix"/>.</summary>
    public static async Task<AlertListener> StartAsync(string prefix)
    {
        var listener = new AlertListener(prefix);
        await listener.bus.StartAsync();
        return listener;
    }

    public IReadOnlyList<AlertRaised> Of(string workflow) =>
        Received.Select(r => r.Alert).Where(a => a.Scope == $"workflow:{workflow}").ToList();

    public ValueTask DisposeAsync() => new(bus.StopAsync());
}
