using System.Collections.Concurrent;
using AiFinOps.Contracts.Messages;
using MassTransit;

namespace AiFinOps.Budgeting.Tests;

/// <summary>
/// A subscriber of the service's <see cref="BudgetThresholdCrossed"/> and <see cref="AlertRaised"/> messages on the real
/// broker, as a delivery component would be.
/// </summary>
public sealed class AlertListener : IAsyncDisposable
{
    private readonly IBusControl bus;

    public ConcurrentQueue<(Guid? MessageId, BudgetThresholdCrossed Alert)> Received { get; } = new();

    public ConcurrentQueue<(Guid? MessageId, AlertRaised Alert)> Raised { get; } = new();

    private AlertListener(string prefix)
    {
        bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(TestServers.RabbitMq));
            rabbit.MessageTopology.SetEntityNameFormatter(new PrefixEntityNameFormatter(rabbit.MessageTopology.EntityNameFormatter, prefix + "."));
            rabbit.ReceiveEndpoint($"{prefix}-test-alerts-{Guid.NewGuid():N}", e =>
            {
                e.AutoDelete = true;
                e.Handler<BudgetThresholdCrossed>(context =>
                {
                    Received.Enqueue((context.MessageId, context.Message));
                    return Task.CompletedTask;
                });
                e.Handler<AlertRaised>(context =>
                {
                    Raised.Enqueue((context.MessageId, context.Message));
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

    public IReadOnlyList<BudgetThresholdCrossed> Of(string budgetId) => Received.Select(r => r.Alert).Where(a => a.BudgetId == budgetId).ToList();

    /// <summary>The <see cref="AlertRaised"/> messages about one budget (its id is a fact of every budget alert).</summary>
    public IReadOnlyList<(Guid? MessageId, AlertRaised Alert)> RaisedOf(string budgetId) =>
        Raised.Where(r => r.Alert.Facts.TryGetValue("budgetId", out var id) && id == budgetId).ToList();

    public ValueTask DisposeAsync() => new(bus.StopAsync());
}
