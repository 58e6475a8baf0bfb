using AiFinOps.IntegrationTests.Infrastructure;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace AiFinOps.IntegrationTests.Upgrading;

/// <summary>What the test broker holds, read and arranged with RabbitMQ.Client directly.</summary>
public static class BrokerQueues
{
    /// <summary>Messages ready and consumers of a queue, or null when it does not exist.</summary>
    public static async Task<(uint Messages, uint Consumers)?> ReadAsync(string queue) =>
        (await QueueDepths.ReadAsync(TestServers.RabbitMq, [queue]))[queue];

    /// <summary>
    /// The queue's type: a declare with the test hosts' arguments (<see cref="ExpiringTestQueues"/>) and the given type
    /// is accepted only when the queue already is of that type.
    /// </summary>
    public static async Task<bool> IsOfTypeAsync(string queue, string type) =>
        await WithChannelAsync(async channel =>
        {
            try
            {
                await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?>
                {
                    ["x-queue-type"] = type,
                    ["x-expires"] = (long)ExpiringTestQueues.Expiry.TotalMilliseconds,
                });
                return true;
            }
            catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 406)
            {
                return false;
            }
        });

    /// <summary>
    /// What a migration that died half-way leaves behind: the staging queue declared and bound to the endpoint's exchange,
    /// the old queue unbound, and <paramref name="count"/> of its messages moved (confirmed, then acknowledged).
    /// </summary>
    public static Task InterruptedMigrationAsync(string queue, int count) =>
        WithChannelAsync(async channel =>
        {
            var staging = queue + ".migrating";
            await channel.QueueDeclareAsync(staging, durable: true, exclusive: false, autoDelete: false,
                new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
            await channel.QueueBindAsync(staging, queue, "");
            await channel.QueueUnbindAsync(queue, queue, "");
            for (var i = 0; i < count; i++)
            {
                var message = await channel.BasicGetAsync(queue, autoAck: false) ?? throw new InvalidOperationException($"{queue} holds fewer than {count} messages");
                await channel.BasicPublishAsync("", staging, mandatory: true, new BasicProperties(message.BasicProperties), message.Body);
                await channel.BasicAckAsync(message.DeliveryTag, multiple: false);
            }
            return true;
        });

    /// <summary>Declares a queue as some other deployment might have: quorum, but with an argument this version never sets.</summary>
    public static Task DeclareForeignAsync(string queue) =>
        WithChannelAsync(async channel =>
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?>
            {
                ["x-queue-type"] = "quorum",
                ["x-max-length"] = 1000,
                ["x-expires"] = (long)ExpiringTestQueues.Expiry.TotalMilliseconds,
            });
            return true;
        });

    /// <summary>Holds a queue's migration lock as a migrating replica does, until the returned connection is disposed.</summary>
    public static async Task<IConnection> HoldMigrationLockAsync(string queue)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(TestServers.RabbitMq) }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(queue + ".migration-lock", durable: false, exclusive: true, autoDelete: true);
        return connection;
    }

    private static async Task<T> WithChannelAsync<T>(Func<IChannel, Task<T>> use)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(TestServers.RabbitMq) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        return await use(channel);
    }
}
