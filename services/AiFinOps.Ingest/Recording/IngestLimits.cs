namespace AiFinOps.Ingest.Recording;

/// <summary>What ingest accepts. Bound from the <c>Ingest</c> configuration section.</summary>
public sealed record IngestLimits
{
    public int MaxBatchSize { get; init; } = 10_000;
    public int MaxIdLength { get; init; } = 128;
    public int MaxNameLength { get; init; } = 256;
    public int MaxTags { get; init; } = 32;
    public int MaxTagKeyLength { get; init; } = 64;
    public int MaxTagValueLength { get; init; } = 256;
    /// <summary>Tokens one call may report in any count: far above any context window, low enough that no sum of
    /// them (a batch, a day's rollup) can overflow a 64-bit total.</summary>
    public long MaxTokensPerEvent { get; init; } = 1_000_000_000;
    /// <summary>Clock skew tolerated for events stamped in the future.</summary>
    public TimeSpan MaxFutureSkew { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>The horizon: older events are refused (late usage inside it is booked, as a correction if its period is closed).</summary>
    public TimeSpan MaxEventAge { get; init; } = TimeSpan.FromDays(90);
    /// <summary>How long a call waits for the broker's confirm before failing UNAVAILABLE.</summary>
    public TimeSpan PublishTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
