using System.Diagnostics;
using System.Threading.Channels;
using AiFinOps.Contracts.Usage.V1;

namespace AiFinOps.Client;

public sealed partial class UsageEmitter
{
    private readonly SemaphoreSlim _sendSlots;
    private readonly HashSet<Task> _sending = [];

    /// <summary>Cuts the buffer into batches and hands each to a sender; ends once the buffer is closed and sent.</summary>
    private async Task BatchLoopAsync()
    {
        var reader = _buffer.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var batch = new List<UsageEvent>(_options.BatchSize);
            var lingerEnds = Stopwatch.GetTimestamp() + (long)(_options.Linger.TotalSeconds * Stopwatch.Frequency);
            TaskCompletionSource? flush = null;
            while (batch.Count < _options.BatchSize && flush is null)
            {
                if (reader.TryRead(out var pending))
                {
                    if (pending.Usage is { } usage) batch.Add(usage);
                    else flush = pending.Flushed;
                    continue;
                }
                var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), lingerEnds);
                if (remaining <= TimeSpan.Zero || !await MoreWithinAsync(reader, remaining).ConfigureAwait(false)) break;
            }
            if (batch.Count > 0) await DispatchAsync(batch).ConfigureAwait(false);
            if (flush is not null) CompleteWhenSent(flush);
        }
        await Task.WhenAll(SendingNow()).ConfigureAwait(false);
    }

    private static async Task<bool> MoreWithinAsync(ChannelReader<Pending> reader, TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            return await reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Waits for a free sending slot (this is where backpressure starts) and sends in the background.</summary>
    private async Task DispatchAsync(List<UsageEvent> batch)
    {
        await _sendSlots.WaitAsync().ConfigureAwait(false);
        _counters.Dispatched(batch.Count);
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_sending) _sending.Add(sent.Task);
        _ = Task.Run(async () =>
        {
            try
            {
                await SendAsync(batch).ConfigureAwait(false);
            }
            finally
            {
                lock (_sending) _sending.Remove(sent.Task);
                _sendSlots.Release();
                sent.SetResult();
            }
        });
    }

    private void CompleteWhenSent(TaskCompletionSource flush) =>
        Task.WhenAll(SendingNow()).ContinueWith(_ => flush.TrySetResult(), TaskScheduler.Default);

    private Task[] SendingNow()
    {
        lock (_sending) return [.. _sending];
    }
}
