namespace AiFinOps.Client.Tests;

public sealed class BatchingTests
{
    [Fact]
    public async Task Batches_never_exceed_the_batch_size_and_every_event_arrives_once()
    {
        var ingest = new RecordingIngest();
        await using var server = await IngestTestServer.StartAsync(ingest);
        var events = Usage.Events(1_234);
        await using (var emitter = UsageEmitter.Create(Usage.Options(server.Address) with { BatchSize = 100 }))
        {
            foreach (var usage in events) await emitter.EmitAsync(usage);
        }

        Assert.All(ingest.Calls, call => Assert.InRange(call.EventIds.Count, 1, 100));
        var received = ingest.Calls.SelectMany(call => call.EventIds).ToList();
        Assert.Equal(events.Select(e => e.EventId).Order(), received.Order());
    }

    [Fact]
    public async Task A_partial_batch_is_sent_once_it_has_lingered()
    {
        var ingest = new RecordingIngest();
        await using var server = await IngestTestServer.StartAsync(ingest);
        await using var emitter = UsageEmitter.Create(Usage.Options(server.Address) with
        {
            BatchSize = 500,
            Linger = TimeSpan.FromMilliseconds(100),
        });

        foreach (var usage in Usage.Events(3)) emitter.Emit(usage);
        await Eventually(() => emitter.Statistics.Accepted == 3);

        var call = Assert.Single(ingest.Calls);
        Assert.Equal(3, call.EventIds.Count);
    }

    [Fact]
    public async Task Flush_returns_once_the_server_has_answered_for_everything_emitted_before_it()
    {
        var ingest = new RecordingIngest();
        await using var server = await IngestTestServer.StartAsync(ingest);
        await using var emitter = UsageEmitter.Create(Usage.Options(server.Address) with
        {
            Linger = TimeSpan.FromSeconds(30),
        });

        foreach (var usage in Usage.Events(42)) emitter.Emit(usage);
        await emitter.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));

        var statistics = emitter.Statistics;
        Assert.Equal((42, 42, 0, 0), (statistics.Emitted, statistics.Accepted, statistics.InFlight, statistics.Buffered));
    }

    [Fact]
    public async Task Dispose_sends_what_is_still_buffered()
    {
        var ingest = new RecordingIngest();
        await using var server = await IngestTestServer.StartAsync(ingest);
        var emitter = UsageEmitter.Create(Usage.Options(server.Address) with { Linger = TimeSpan.FromMinutes(5) });
        foreach (var usage in Usage.Events(250)) emitter.Emit(usage);

        await emitter.DisposeAsync();

        Assert.Equal(250, ingest.Stored.Count);
        Assert.Equal(250, emitter.Statistics.Accepted);
        Assert.Throws<ObjectDisposedException>(() => emitter.Emit(Usage.Event()));
    }

    [Fact]
    public async Task The_api_key_travels_as_a_bearer_token()
    {
        var ingest = new RecordingIngest();
        await using var server = await IngestTestServer.StartAsync(ingest);
        await using (var emitter = UsageEmitter.Create(Usage.Options(server.Address) with { ApiKey = "afo_secret" }))
        {
            emitter.Emit(Usage.Event());
        }

        Assert.Equal("Bearer afo_secret", Assert.Single(ingest.Calls).Authorization);
    }

    [Fact]
    public async Task Emit_gives_an_event_without_id_or_time_both_before_it_is_sent()
    {
        var ingest = new RecordingIngest();
        await using var server = await IngestTestServer.StartAsync(ingest);
        var usage = Usage.Event();
        usage.EventId = "";
        usage.OccurredAt = null;
        await using (var emitter = UsageEmitter.Create(Usage.Options(server.Address)))
        {
            emitter.Emit(usage);
        }

        Assert.True(Guid.TryParse(usage.EventId, out var id));
        Assert.Equal(7, id.Version);
        Assert.NotNull(usage.OccurredAt);
        Assert.Equal(usage.EventId, Assert.Single(ingest.Stored).EventId);
    }

    internal static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(10);
        }
    }
}
