namespace AiFinOps.Ingest.Recording.Backpressure;

/// <summary>
/// The latest reading of the usage consumers' backlog: messages ready in each watched queue, and when it was read.
/// A reading older than <see cref="StaleAfter"/> (the broker cannot be asked) holds nobody back: publishing then
/// fails on its own, with its own clear error.
/// </summary>
public sealed record ConsumerLag(IReadOnlyDictionary<string, uint> Backlog, DateTimeOffset ReadAt)
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(5);

    public static ConsumerLag None { get; } = new(new Dictionary<string, uint>(), DateTimeOffset.MinValue);

    /// <summary>The queue furthest behind and its backlog, or null when none waits.</summary>
    public (string Queue, uint Messages)? Worst =>
        Backlog.Count == 0 ? null : Backlog.MaxBy(b => b.Value) is var (queue, messages) ? (queue, messages) : null;
}

/// <summary>Pure decision: may a call go ahead given the consumers' lag?</summary>
public static class AdmissionDecision
{
    public static bool HasRoom(ConsumerLag lag, int maxBacklog, DateTimeOffset now) =>
        now - lag.ReadAt > ConsumerLag.StaleAfter || lag.Worst is not { Messages: var messages } || messages < maxBacklog;
}
