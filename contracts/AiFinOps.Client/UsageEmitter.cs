using System.Threading.Channels;
using AiFinOps.Contracts.Usage.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;

namespace AiFinOps.Client;

/// <summary>
/// Emits usage events without making the app wait for the network: events go into a bounded buffer, a background
/// loop sends them in batches (<see cref="UsageEmitterOptions.BatchSize"/> or <see cref="UsageEmitterOptions.Linger"/>,
/// whichever comes first) and retries transient failures with the same events, so the server's deduplication on
/// <c>event_id</c> makes every event count once. Dispose it (await) to send what is still buffered.
/// </summary>
public sealed partial class UsageEmitter : IAsyncDisposable
{
    private readonly UsageIngest.UsageIngestClient _client;
    private readonly UsageEmitterOptions _options;
    private readonly GrpcChannel? _ownedChannel;
    private readonly Metadata _headers = [];
    private readonly Channel<Pending> _buffer;
    private readonly EmitterCounters _counters = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly Task _sendingLoop;
    private int _disposed;

    public UsageEmitter(UsageIngest.UsageIngestClient client, UsageEmitterOptions options)
        : this(client, options, ownedChannel: null)
    {
    }

    private UsageEmitter(UsageIngest.UsageIngestClient client, UsageEmitterOptions options, GrpcChannel? ownedChannel)
    {
        options.Validate();
        _client = client;
        _options = options;
        _ownedChannel = ownedChannel;
        if (!string.IsNullOrEmpty(options.ApiKey)) _headers.Add("authorization", $"Bearer {options.ApiKey}");
        _buffer = Channel.CreateBounded<Pending>(new BoundedChannelOptions(options.BufferCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _sendSlots = new SemaphoreSlim(options.MaxConcurrentBatches);
        _sendingLoop = Task.Run(BatchLoopAsync);
    }

    /// <summary>An emitter with its own channel to <see cref="UsageEmitterOptions.Endpoint"/>, closed on dispose.</summary>
    public static UsageEmitter Create(UsageEmitterOptions options)
    {
        var channel = UsageIngestChannel.Create(options.Endpoint);
        return new UsageEmitter(new UsageIngest.UsageIngestClient(channel), options, channel);
    }

    /// <summary>An event the server refused (bad field, not allowed…). It is not retried.</summary>
    public event Action<UsageRejection>? Rejected;

    /// <summary>A batch the server answered, with the events it held.</summary>
    public event Action<BatchCompletion>? BatchCompleted;

    /// <summary>A batch given up on: permanent error, retries exhausted, or shutdown timeout.</summary>
    public event Action<BatchFailure>? BatchFailed;

    public UsageEmitterStatistics Statistics => _counters.Snapshot(_buffer.Reader.Count);

    /// <summary>Buffers the event; throws <see cref="UsageBufferFullException"/> when the buffer is full.</summary>
    public void Emit(UsageEvent usage)
    {
        if (!TryEmit(usage)) throw new UsageBufferFullException(_options.BufferCapacity);
    }

    /// <summary>Buffers the event, or returns false at once when the buffer is full.</summary>
    public bool TryEmit(UsageEvent usage)
    {
        Prepare(usage);
        if (!_buffer.Writer.TryWrite(new Pending(usage, null)))
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
            return false;
        }
        _counters.Emitted();
        return true;
    }

    /// <summary>Buffers the event, waiting for room when the buffer is full.</summary>
    public async ValueTask EmitAsync(UsageEvent usage, CancellationToken cancellationToken = default)
    {
        Prepare(usage);
        await WriteAsync(new Pending(usage, null), cancellationToken).ConfigureAwait(false);
        _counters.Emitted();
    }

    /// <summary>Sends everything emitted before this call and waits until the server answered (or it was given up on).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await WriteAsync(new Pending(null, sent), cancellationToken).ConfigureAwait(false);
        await sent.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends what is buffered (for up to <see cref="UsageEmitterOptions.ShutdownTimeout"/>) and closes.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _buffer.Writer.TryComplete();
        try
        {
            await _sendingLoop.WaitAsync(_options.ShutdownTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // What is still buffered or retrying is reported through BatchFailed, not lost silently.
            await _abort.CancelAsync().ConfigureAwait(false);
            await _sendingLoop.ConfigureAwait(false);
        }
        _ownedChannel?.Dispose();
        _abort.Dispose();
        _sendSlots.Dispose();
    }

    private void Prepare(UsageEvent usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        // Fixed now, before the first attempt, so that every retry carries the same idempotency key.
        if (string.IsNullOrEmpty(usage.EventId)) usage.EventId = UsageEventIds.New();
        usage.OccurredAt ??= Timestamp.FromDateTime(DateTime.UtcNow);
    }

    private async ValueTask WriteAsync(Pending pending, CancellationToken cancellationToken)
    {
        try
        {
            await _buffer.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(nameof(UsageEmitter));
        }
    }

    /// <summary>An event to send, or a flush request that completes once everything before it was sent.</summary>
    private readonly record struct Pending(UsageEvent? Usage, TaskCompletionSource? Flushed);
}
