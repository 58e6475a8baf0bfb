using RabbitMQ.Client;

namespace AiFinOps.Benchmarks.Throughput;

/// <summary>
/// How many usage messages wait in each consumer's queue (ready, not yet delivered): the consumer lag, read by a
/// passive queue declare — a cheap broker call that neither creates nor changes the queue.
/// </summary>
public sealed class ConsumerBacklog : IAsyncDisposable
{
    private readonly IConnection connection;
    private readonly IChannel channel;
    private readonly IReadOnlyDictionary<string, string> queues;

    private ConsumerBacklog(IConnection connection, IChannel channel, IReadOnlyDictionary<string, string> queues)
    {
        this.connection = connection;
        this.channel = channel;
        this.queues = queues;
    }

    /// <param name="queues">Consumer name → its queue.</param>
    public static async Task<ConsumerBacklog> OpenAsync(Uri rabbitMq, IReadOnlyDictionary<string, string> queues)
    {
        var connection = await new ConnectionFactory { Uri = rabbitMq, ClientProvidedName = "benchmark-backlog" }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        return new ConsumerBacklog(connection, channel, queues);
    }

    public IEnumerable<string> Consumers => queues.Keys;

    public async Task<Dictionary<string, uint>> ReadAsync()
    {
        var depths = new Dictionary<string, uint>();
        foreach (var (consumer, queue) in queues)
            depths[consumer] = (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        return depths;
    }

    public async ValueTask DisposeAsync()
    {
        await channel.CloseAsync();
        await connection.CloseAsync();
        channel.Dispose();
        connection.Dispose();
    }
}
