using System.Collections.Concurrent;
using Grpc.Core;

namespace AiFinOps.Client.Tests;

public sealed class RetryTests
{
    [Fact]
    public async Task Transient_failures_are_retried_with_the_same_event_ids_and_nothing_is_lost_or_doubled()
    {
        var ingest = new RecordingIngest { FailFirst = 3, FailWith = StatusCode.Unavailable };
        await using var server = await IngestTestServer.StartAsync(ingest);
        var events = Usage.Events(50);
        UsageEmitterStatistics statistics;
        await using (var emitter = UsageEmitter.Create(Usage.Options(server.Address) with { MaxConcurrentBatches = 1 }))
        {
            foreach (var usage in events) emitter.Emit(usage);
            await emitter.FlushAsync();
            statistics = emitter.Statistics;
        }

        var calls = ingest.Calls.OrderBy(call => call.Number).ToList();
        Assert.Equal(4, calls.Count);
        Assert.All(calls, call => Assert.Equal(calls[0].EventIds, call.EventIds));
        Assert.Equal(events.Select(e => e.EventId).Order(), ingest.Stored.Select(e => e.EventId).Order());
        Assert.Equal((50, 0, 3, 0L), (statistics.Accepted, statistics.Duplicates, statistics.Retries, statistics.Failed));
    }

    [Theory]
    [InlineData(StatusCode.DeadlineExceeded)]
    [InlineData(StatusCode.ResourceExhausted)]
    public async Task Other_transient_statuses_are_retried_too(StatusCode status)
    {
        var ingest = new RecordingIngest { FailFirst = 2, FailWith = status };
        await using var server = await IngestTestServer.StartAsync(ingest);
        await using var emitter = UsageEmitter.Create(Usage.Options(server.Address));

        foreach (var usage in Usage.Events(10)) emitter.Emit(usage);
        await emitter.FlushAsync();

        Assert.Equal((10L, 2L), (emitter.Statistics.Accepted, emitter.Statistics.Retries));
    }

    [Fact]
    public async Task Connection_errors_are_retried_until_the_server_is_up()
    {
        var port = IngestTestServer.FreePort();
        var ingest = new RecordingIngest();
        await using var emitter = UsageEmitter.Create(Usage.Options(new Uri($"http://127.0.0.1:{port}")) with
        {
            InitialBackoff = TimeSpan.FromMilliseconds(50),
            MaxBackoff = TimeSpan.FromMilliseconds(200),
            MaxAttempts = 100,
        });
        foreach (var usage in Usage.Events(20)) emitter.Emit(usage);
        await BatchingTests.Eventually(() => emitter.Statistics.Retries >= 2);

        await using var server = await IngestTestServer.StartAsync(ingest, port);
        await emitter.FlushAsync().WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(20, ingest.Stored.Count);
        Assert.Equal((20L, 0L), (emitter.Statistics.Accepted, emitter.Statistics.Failed));
    }

    [Theory]
    [InlineData(StatusCode.Unauthenticated)]
    [InlineData(StatusCode.PermissionDenied)]
    [InlineData(StatusCode.InvalidArgument)]
    public async Task Permanent_errors_are_reported_and_never_retried(StatusCode status)
    {
        var ingest = new RecordingIngest { FailFirst = int.MaxValue, FailWith = status };
        await using var server = await IngestTestServer.StartAsync(ingest);
        var failures = new ConcurrentQueue<BatchFailure>();
        await using var emitter = UsageEmitter.Create(Usage.Options(server.Address));
        emitter.BatchFailed += failures.Enqueue;

        foreach (var usage in Usage.Events(7)) emitter.Emit(usage);
        await emitter.FlushAsync();

        var failure = Assert.Single(failures);
        Assert.Equal((status, false, 1, 7), (failure.Status, failure.Transient, failure.Attempts, failure.Events.Count));
        Assert.Single(ingest.Calls);
        Assert.Equal((7L, 0L, 0L), (emitter.Statistics.Failed, emitter.Statistics.Retries, emitter.Statistics.InFlight));
    }

    [Fact]
    public async Task Transient_failures_past_the_attempt_limit_are_reported_as_failed()
    {
        var ingest = new RecordingIngest { FailFirst = int.MaxValue, FailWith = StatusCode.Unavailable };
        await using var server = await IngestTestServer.StartAsync(ingest);
        var failures = new ConcurrentQueue<BatchFailure>();
        await using var emitter = UsageEmitter.Create(Usage.Options(server.Address) with { MaxAttempts = 3 });
        emitter.BatchFailed += failures.Enqueue;

        foreach (var usage in Usage.Events(5)) emitter.Emit(usage);
        await emitter.FlushAsync();

        var failure = Assert.Single(failures);
        Assert.Equal((StatusCode.Unavailable, true, 3), (failure.Status, failure.Transient, failure.Attempts));
        Assert.Equal(3, ingest.Calls.Count);
        Assert.Equal((5L, 2L), (emitter.Statistics.Failed, emitter.Statistics.Retries));
    }

    [Fact]
    public async Task Rejected_events_are_reported_one_by_one_and_not_retried()
    {
        var ingest = new RecordingIngest
        {
            Reject = usage => usage.Team == "bad" ? ("team", "team must be lower-case letters and dashes") : null,
        };
        await using var server = await IngestTestServer.StartAsync(ingest);
        var rejections = new ConcurrentQueue<UsageRejection>();
        await using var emitter = UsageEmitter.Create(Usage.Options(server.Address));
        emitter.Rejected += rejections.Enqueue;
        var bad = Usage.Event(team: "bad");

        emitter.Emit(Usage.Event());
        emitter.Emit(bad);
        emitter.Emit(Usage.Event());
        await emitter.FlushAsync();

        var rejection = Assert.Single(rejections);
        Assert.Equal((bad.EventId, "team"), (rejection.EventId, rejection.Field));
        Assert.Same(bad, rejection.Event);
        Assert.Single(ingest.Calls);
        Assert.Equal((2L, 1L, 0L), (emitter.Statistics.Accepted, emitter.Statistics.Rejected, emitter.Statistics.Retries));
    }

    [Fact]
    public async Task Duplicates_the_server_reports_are_counted_not_resent()
    {
        var ingest = new RecordingIngest();
        await using var server = await IngestTestServer.StartAsync(ingest);
        await using var emitter = UsageEmitter.Create(Usage.Options(server.Address));
        var usage = Usage.Event();

        emitter.Emit(usage);
        await emitter.FlushAsync();
        emitter.Emit(usage.Clone());
        await emitter.FlushAsync();

        Assert.Equal((1L, 1L), (emitter.Statistics.Accepted, emitter.Statistics.Duplicates));
        Assert.Equal(2, ingest.Calls.Count);
    }
}
