namespace AiFinOps.Client;

/// <summary>How a <see cref="UsageEmitter"/> buffers, batches and retries. The defaults suit a busy app.</summary>
public sealed record UsageEmitterOptions
{
    /// <summary>The server refuses larger batches.</summary>
    public const int MaxEventsPerBatch = 10_000;

    /// <summary>The ingest gRPC endpoint (HTTP/2; <c>http://</c> means cleartext h2c).</summary>
    public Uri Endpoint { get; init; } = new(UsageIngestChannel.DefaultEndpoint);

    /// <summary>Sent as <c>authorization: Bearer &lt;key&gt;</c> on every call.</summary>
    public string? ApiKey { get; init; }

    /// <summary>A batch is sent once it holds this many events…</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>…or once its first event has waited this long.</summary>
    public TimeSpan Linger { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Events buffered before <c>TryEmit</c> says no and <c>EmitAsync</c> waits.</summary>
    public int BufferCapacity { get; init; } = 50_000;

    /// <summary>Batches on the wire (or waiting to be retried) at once.</summary>
    public int MaxConcurrentBatches { get; init; } = 2;

    /// <summary>Attempts per batch, the first included, before a transient failure is given up on and reported.</summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>The first retry waits about this long; each later one about twice as long as the one before.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>No retry waits longer than this.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The deadline of one call; a call that misses it is retried as <c>DEADLINE_EXCEEDED</c>.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long <c>DisposeAsync</c> keeps sending what is buffered before it gives up on the rest.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(60);

    internal RetryBackoff Backoff => new(InitialBackoff, MaxBackoff);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BatchSize, MaxEventsPerBatch, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(Linger, TimeSpan.Zero, nameof(Linger));
        ArgumentOutOfRangeException.ThrowIfLessThan(BufferCapacity, 1, nameof(BufferCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentBatches, 1, nameof(MaxConcurrentBatches));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(InitialBackoff, TimeSpan.Zero, nameof(InitialBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBackoff, InitialBackoff, nameof(MaxBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(CallTimeout, TimeSpan.Zero, nameof(CallTimeout));
    }
}
