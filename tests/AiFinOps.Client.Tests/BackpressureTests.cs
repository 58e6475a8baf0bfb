namespace AiFinOps.Client.Tests;

public sealed class BackpressureTests
{
    [Fact]
    public async Task A_full_buffer_refuses_TryEmit_and_makes_EmitAsync_wait_until_there_is_room()
    {
        var gate = new TaskCompletionSource();
        var ingest = new RecordingIngest { Gate = gate.Task };
        await using var server = await IngestTestServer.StartAsync(ingest);
        await using var emitter = UsageEmitter.Create(Usage.Options(server.Address) with
        {
            BatchSize = 10,
            BufferCapacity = 20,
            MaxConcurrentBatches = 1,
            Linger = TimeSpan.Zero,
        });

        // One batch held by the server, one held by the batcher waiting for a sending slot, then a full buffer.
        var taken = 0;
        await BatchingTests.Eventually(() =>
        {
            while (emitter.TryEmit(Usage.Event())) taken++;
            return emitter.Statistics is { InFlight: > 0, Buffered: 20 } && !ingest.Calls.IsEmpty;
        });
        await Task.Delay(50);
        Assert.Equal(20, emitter.Statistics.Buffered);
        Assert.False(emitter.TryEmit(Usage.Event()));
        Assert.Throws<UsageBufferFullException>(() => emitter.Emit(Usage.Event()));
        var waiting = emitter.EmitAsync(Usage.Event()).AsTask();
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);

        gate.SetResult();
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        await emitter.FlushAsync();

        Assert.Equal(taken + 1, ingest.Stored.Count);
        Assert.Equal(taken + 1, emitter.Statistics.Accepted);
    }

    [Fact]
    public async Task In_flight_counts_the_events_of_batches_awaiting_an_answer()
    {
        var gate = new TaskCompletionSource();
        var ingest = new RecordingIngest { Gate = gate.Task };
        await using var server = await IngestTestServer.StartAsync(ingest);
        await using var emitter = UsageEmitter.Create(Usage.Options(server.Address) with { BatchSize = 5 });

        foreach (var usage in Usage.Events(5)) emitter.Emit(usage);
        await BatchingTests.Eventually(() => !ingest.Calls.IsEmpty);
        Assert.Equal(5, emitter.Statistics.InFlight);

        gate.SetResult();
        await emitter.FlushAsync();
        Assert.Equal(0, emitter.Statistics.InFlight);
    }
}
