namespace AiFinOps.Ingest.Recording.Backpressure;

/// <summary>
/// The latest reading of the usage consumers' queues: messages ready in each watched queue that exists, the watched
/// queues that do not exist (yet), the watched queues without a consumer and since when, and when it was read. A reading older than <see cref="StaleAfter"/> (the broker
/// cannot be asked) holds nobody back: publishing then fails on its own, with its own clear error.
/// </summary>
public sealed record ConsumerLag(IReadOnlyDictionary<string, uint> Backlog, DateTimeOffset ReadAt)
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(5);

    /// <summary>Before the probe's first answer: nobody knows yet whether the consumers' queues exist.</summary>
    public static ConsumerLag NotReadYet { get; } = new(new Dictionary<string, uint>(), DateTimeOffset.MinValue) { Unread = true };

    /// <summary>The probe could not ask the broker: as stale as a reading can be, so it holds nobody back.</summary>
    public static ConsumerLag Unanswered { get; } = new(new Dictionary<string, uint>(), DateTimeOffset.MinValue);

    /// <summary>True until the probe first asked the broker (whatever the answer).</summary>
    public bool Unread { get; init; }

    /// <summary>Watched queues the broker does not have: their service has never started (it declares them as it starts).</summary>
    public IReadOnlyList<MissingQueue> Missing { get; init; } = [];

    /// <summary>Watched queues that exist but have no consumer, each since the first reading that found none.</summary>
    public IReadOnlyList<UnattendedQueue> Unattended { get; init; } = [];

    /// <summary>The queue furthest behind and its backlog, or null when none waits.</summary>
    public (string Queue, uint Messages)? Worst =>
        Backlog.Count == 0 ? null : Backlog.MaxBy(b => b.Value) is var (queue, messages) ? (queue, messages) : null;
}

/// <summary>A watched usage queue that does not exist, and the service whose start declares it.</summary>
public sealed record MissingQueue(string Queue, string Service);

/// <summary>A watched usage queue without a consumer since <paramref name="Since"/> (as far as ingest has seen).</summary>
public sealed record UnattendedQueue(string Queue, string Service, DateTimeOffset Since);
