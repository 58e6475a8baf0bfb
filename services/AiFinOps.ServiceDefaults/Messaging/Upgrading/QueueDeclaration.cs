using MassTransit.RabbitMqTransport;

namespace AiFinOps.ServiceDefaults.Messaging.Upgrading;

/// <summary>
/// A queue exactly as this version's bus declares it — name, flags, arguments (<c>x-queue-type</c> among them) — and
/// the exchange of the same endpoint that feeds it, so that a migration can declare and bind the target itself and the
/// bus then finds it equivalent.
/// </summary>
public sealed record QueueDeclaration(string Queue, string Exchange, string RoutingKey, bool Durable, bool AutoDelete,
    IReadOnlyDictionary<string, object?> Arguments, IReadOnlyDictionary<string, object?> BindingArguments)
{
    /// <summary>The queue that receives the migrated queue's messages while it is replaced (a quorum queue, no expiry).</summary>
    public string Staging => Queue + ".migrating";

    /// <summary>Held (an exclusive queue: the broker drops it with its connection) by the one replica that migrates.</summary>
    public string Lock => Queue + ".migration-lock";

    /// <summary>A receive endpoint's queue as MassTransit will declare it, after every endpoint configurator ran.</summary>
    public static QueueDeclaration Of(ReceiveSettings settings) => new(settings.QueueName, settings.ExchangeName ?? settings.QueueName,
        settings.RoutingKey ?? "", settings.Durable, settings.AutoDelete, Copy(settings.QueueArguments), Copy(settings.BindingArguments));

    /// <summary>
    /// The endpoint's fault queues (<c>_error</c>, <c>_skipped</c>): MassTransit declares them on the first fault with
    /// the receive queue's arguments, each fed by its own exchange of the same name.
    /// </summary>
    public IEnumerable<QueueDeclaration> FaultQueues() =>
        new[] { "_error", "_skipped" }.Select(suffix => this with
        {
            Queue = Queue + suffix,
            Exchange = Queue + suffix,
            RoutingKey = "",
            BindingArguments = new Dictionary<string, object?>(),
        });

    public bool IsQuorum => Arguments.TryGetValue("x-queue-type", out var type) && type is string and ReceiveQueues.Quorum;

    private static Dictionary<string, object?> Copy(IDictionary<string, object>? arguments) =>
        arguments?.ToDictionary(a => a.Key, a => (object?)a.Value) ?? [];
}
