using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace AiFinOps.Testing;

/// <summary>What a broker's queues hold, read with a passive declare over one connection.</summary>
public static class QueueDepths
{
    private const ushort NotFound = 404;

    /// <summary>Messages ready and consumers of each queue; null for a queue that does not exist.</summary>
    public static async Task<Dictionary<string, (uint Messages, uint Consumers)?>> ReadAsync(string broker, IEnumerable<string> queues)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(broker), ClientProvidedName = "aifinops-tests" }.CreateConnectionAsync();
        var readings = new Dictionary<string, (uint Messages, uint Consumers)?>();
        foreach (var queue in queues)
        {
            // A passive declare of a missing queue closes its channel: one channel per queue.
            await using var channel = await connection.CreateChannelAsync();
            try
            {
                var reading = await channel.QueueDeclarePassiveAsync(queue);
                readings[queue] = (reading.MessageCount, reading.ConsumerCount);
            }
            catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == NotFound)
            {
                readings[queue] = null;
            }
        }
        return readings;
    }
}
