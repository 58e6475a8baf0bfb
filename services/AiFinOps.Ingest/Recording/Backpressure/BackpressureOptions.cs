namespace AiFinOps.Ingest.Recording.Backpressure;

/// <summary>
/// How far the usage consumers may fall behind before ingest slows its callers down. Bound from
/// <c>Ingest:Backpressure</c>; see docs/backpressure.md.
/// </summary>
public sealed record BackpressureOptions
{
    /// <summary>Off: ingest accepts as fast as the broker confirms, however far behind the consumers are.</summary>
    public bool Enabled { get; init; } = true;

    public static readonly IReadOnlyList<string> UsageConsumers = ["allocation", "budgeting", "anomaly", "reporting"];

    /// <summary>
    /// The services whose usage queue is watched, comma-separated (default <see cref="UsageConsumers"/>): each consumes
    /// <c>UsageBatchPriced</c> on queue <c>[{Messaging:Prefix}-]{service}-usage-batch-priced</c>, declared when the
    /// service first starts. It must name exactly the consumers deployed: while a named queue does not exist, calls
    /// carrying usage wait (its service has never started; the broker would drop the batch for it), and a deployed
    /// consumer left out is neither waited for nor paced. Empty (<c>Ingest__Backpressure__Consumers=</c>): nothing
    /// consumes usage here (an ingest-only benchmark); nothing is watched and usage is published to no one on purpose.
    /// </summary>
    public string? Consumers { get; init; }

    public IReadOnlyList<string> WatchedConsumers => Consumers is null
        ? UsageConsumers
        : Consumers.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Messages (of up to a batch of usage each) that may wait in any one of those queues; at this many, calls wait.</summary>
    public int MaxBacklog { get; init; } = 10;

    /// <summary>The longest a call waits for room before it is refused RESOURCE_EXHAUSTED with a retry hint.</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a watched queue may have no consumer before calls carrying usage wait (and then are refused
    /// UNAVAILABLE): longer than a consumer's restart takes, shorter than anyone should wait to learn it is down.
    /// </summary>
    public TimeSpan ConsumerGrace { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the queues' backlog is read from the broker.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);
}
