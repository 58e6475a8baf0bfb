using MassTransit;

namespace AiFinOps.ServiceDefaults.Messaging;

/// <summary>
/// How every consumer of the usage stream takes it: up to <see cref="MessageLimit"/> messages (of ~500 usages each) per
/// PostgreSQL transaction, collected for at most <see cref="TimeLimit"/> — the most a usage waits for its batch to fill —
/// and <see cref="ConcurrencyLimit"/> transactions at a time, so one writes while the next collects. Fewer, larger
/// transactions take the shared rows (budget totals, rollups, a workflow's watch row) once per 10,000 usages instead of
/// once per 500, which is what keeps the consumers up with ingest. A consumer whose users can wait longer than
/// budgeting's alerts may collect for longer and take more messages (allocation, anomaly). A failed batch is retried
/// whole; exactly-once stays per usage (each consumer's table key).
/// </summary>
public static class UsageBatches
{
    public const int MessageLimit = 20;
    public const int ConcurrencyLimit = 2;
    public static readonly TimeSpan TimeLimit = TimeSpan.FromMilliseconds(50);

    /// <param name="collectFor">How long a batch collects at most; <see cref="TimeLimit"/> unless given.</param>
    /// <param name="messageLimit">The most messages per batch; <see cref="MessageLimit"/> unless given.</param>
    public static void Configure<TConsumer>(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<TConsumer> consumer,
        TimeSpan? collectFor = null, int messageLimit = MessageLimit)
        where TConsumer : class
    {
        endpoint.UseMessageRetry(r => r.Intervals(ConsumerRetry.IntervalsMs));
        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit) rabbit.PrefetchCount = messageLimit * ConcurrencyLimit;
        consumer.Options<BatchOptions>(o => o
            .SetMessageLimit(messageLimit)
            .SetTimeLimit(collectFor ?? TimeLimit)
            .SetConcurrencyLimit(ConcurrencyLimit));
    }
}
