using MassTransit;
using MassTransit.RabbitMqTransport.Configuration;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace AiFinOps.ServiceDefaults.Messaging.DeadLetters;

/// <summary>
/// The dead-letter queues of this service's receive queues: how many messages each holds, and moving them back to be
/// consumed again once the cause of their failure is fixed (docs/dead-letters.md). Consumers are idempotent, so a
/// replayed message that was in fact handled before changes nothing. Talks to the broker over its own connection,
/// opened on first use and again after it is lost.
/// </summary>
public sealed class DeadLetterQueues(string service, Uri broker) : IAsyncDisposable
{
    /// <summary>The suffix MassTransit gives a receive queue's dead-letter queue.</summary>
    public const string Suffix = "_error";

    private static readonly string[] FaultHeaderPrefixes = ["MT-Fault-", "MT-Reason", "MT-Host-"];
    private readonly List<IRabbitMqReceiveEndpointConfiguration> endpoints = [];
    private readonly SemaphoreSlim gate = new(1, 1);
    private IConnection? connection;

    /// <summary>The service these queues belong to (its name in the gateway's <c>/api/v1/admin/dead-letters/{service}</c>).</summary>
    public string Service { get; } = service;

    /// <summary>Called for each receive endpoint; the queue names are read when first needed, once every configurator ran.</summary>
    public void Add(IReceiveEndpointConfigurator endpoint)
    {
        if (endpoint is IRabbitMqReceiveEndpointConfiguration rabbit) lock (endpoints) endpoints.Add(rabbit);
    }

    /// <summary>The service's receive queues, by name.</summary>
    public IReadOnlyList<string> Queues()
    {
        lock (endpoints) return endpoints.Select(e => e.Settings.QueueName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>How many messages wait in each dead-letter queue (a queue MassTransit has not created yet holds none).</summary>
    public Task<IReadOnlyList<ParkedMessages>> CountAsync(CancellationToken ct) =>
        WithConnectionAsync<IReadOnlyList<ParkedMessages>>(async open =>
        {
            var counts = new List<ParkedMessages>();
            foreach (var queue in Queues()) counts.Add(new ParkedMessages(queue, queue + Suffix, await MessagesAsync(open, queue + Suffix, ct)));
            return counts;
        }, ct);

    /// <summary>
    /// Moves the messages waiting in the dead-letter queue of <paramref name="queues"/> back to their receive queue, each
    /// publish confirmed by the broker before the parked copy is acknowledged (a crash in between leaves a duplicate,
    /// which the consumer ignores, never a loss). Moves at most what waited when it began: a message that fails again
    /// comes back to the dead-letter queue after its retries and is not replayed in a loop.
    /// </summary>
    public Task<IReadOnlyList<ReplayedMessages>> ReplayAsync(IReadOnlyList<string> queues, CancellationToken ct) =>
        WithConnectionAsync<IReadOnlyList<ReplayedMessages>>(async open =>
        {
            var replayed = new List<ReplayedMessages>();
            foreach (var queue in queues)
            {
                var deadLetters = queue + Suffix;
                var waiting = await MessagesAsync(open, deadLetters, ct);
                long moved = 0;
                if (waiting > 0)
                {
                    await using var channel = await open.CreateChannelAsync(
                        new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
                    while (moved < waiting && await channel.BasicGetAsync(deadLetters, autoAck: false, ct) is { } message)
                    {
                        await channel.BasicPublishAsync("", queue, mandatory: true, WithoutFaultHeaders(message.BasicProperties), message.Body, ct);
                        await channel.BasicAckAsync(message.DeliveryTag, multiple: false, ct);
                        moved++;
                    }
                }
                replayed.Add(new ReplayedMessages(queue, deadLetters, moved));
            }
            return replayed;
        }, ct);

    /// <summary>The parked message's properties without the fault details MassTransit added when it parked it.</summary>
    public static BasicProperties WithoutFaultHeaders(IReadOnlyBasicProperties parked)
    {
        var properties = new BasicProperties(parked) { Persistent = true };
        if (parked.Headers is { } headers)
        {
            properties.Headers = headers.Where(h => !FaultHeaderPrefixes.Any(p => h.Key.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
                .ToDictionary(h => h.Key, h => h.Value);
        }
        return properties;
    }

    private static async Task<long> MessagesAsync(IConnection open, string queue, CancellationToken ct)
    {
        // A passive declare of a missing queue closes its channel (404): one channel per question.
        await using var channel = await open.CreateChannelAsync(cancellationToken: ct);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, ct)).MessageCount;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return 0;
        }
    }

    private async Task<T> WithConnectionAsync<T>(Func<IConnection, Task<T>> work, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            if (connection is not { IsOpen: true })
            {
                if (connection is not null) await connection.DisposeAsync();
                connection = null;
                connection = await new ConnectionFactory { Uri = broker, ClientProvidedName = $"{Service}-dead-letters" }.CreateConnectionAsync(ct);
            }
            return await work(connection);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The broker could not be asked (unreachable, or the connection dropped mid-way).</summary>
    public static bool IsBrokerFailure(Exception e) =>
        BrokerFailures.IsTransient(e) || e is TimeoutException;

    public async ValueTask DisposeAsync()
    {
        if (connection is not null) await connection.DisposeAsync();
        gate.Dispose();
    }
}
