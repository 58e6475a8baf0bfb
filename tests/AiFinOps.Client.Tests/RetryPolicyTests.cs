using System.Net.Sockets;
using Grpc.Core;

namespace AiFinOps.Client.Tests;

public sealed class RetryPolicyTests
{
    private static readonly RetryBackoff Backoff = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(15));

    [Theory]
    [InlineData(1, 100, 200)]
    [InlineData(2, 200, 400)]
    [InlineData(3, 400, 800)]
    [InlineData(7, 6_400, 12_800)]
    [InlineData(8, 7_500, 15_000)]
    [InlineData(40, 7_500, 15_000)]
    public void Backoff_doubles_per_retry_up_to_the_cap_with_jitter_in_the_upper_half(int retry, double low, double high)
    {
        Assert.Equal(low, Backoff.Delay(retry, 0).TotalMilliseconds, 3);
        Assert.Equal(high, Backoff.Delay(retry, 1).TotalMilliseconds, 3);
        Assert.InRange(Backoff.Delay(retry, 0.5).TotalMilliseconds, low, high);
    }

    [Theory]
    [InlineData(StatusCode.Unavailable, true)]
    [InlineData(StatusCode.DeadlineExceeded, true)]
    [InlineData(StatusCode.ResourceExhausted, true)]
    [InlineData(StatusCode.Aborted, true)]
    [InlineData(StatusCode.Unauthenticated, false)]
    [InlineData(StatusCode.PermissionDenied, false)]
    [InlineData(StatusCode.InvalidArgument, false)]
    [InlineData(StatusCode.Unimplemented, false)]
    [InlineData(StatusCode.Internal, false)]
    public void Only_transient_statuses_are_retried(StatusCode status, bool transient) =>
        Assert.Equal(transient, RetryClassification.IsTransient(new RpcException(new Status(status, "x"))));

    [Fact]
    public void A_broken_connection_is_transient_whatever_the_status()
    {
        var reset = new RpcException(new Status(StatusCode.Internal, "stream reset", new IOException("connection reset")));
        Assert.True(RetryClassification.IsTransient(reset));
        Assert.True(RetryClassification.IsTransient(new HttpRequestException("refused", new SocketException())));
        Assert.False(RetryClassification.IsTransient(new InvalidOperationException()));
    }

    [Fact]
    public void The_servers_pushback_hint_is_honoured()
    {
        var exhausted = new RpcException(
            new Status(StatusCode.ResourceExhausted, "slow down"), new Metadata { { "grpc-retry-pushback-ms", "750" } });
        Assert.Equal(TimeSpan.FromMilliseconds(750), RetryClassification.Pushback(exhausted));
        Assert.Null(RetryClassification.Pushback(new RpcException(new Status(StatusCode.Unavailable, "x"))));
    }

    [Fact]
    public void Event_ids_are_uuid_v7_and_sort_by_creation()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => UsageEventIds.New()).ToList();
        Assert.All(ids, id => Assert.Equal(7, Guid.Parse(id).Version));
        Assert.Equal(100, ids.Distinct().Count());
        Assert.True(string.CompareOrdinal(ids[0][..8], ids[^1][..8]) <= 0);
    }

    [Fact]
    public void Options_out_of_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new UsageEmitterOptions { BatchSize = 10_001 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new UsageEmitterOptions { BufferCapacity = 0 }.Validate());
        new UsageEmitterOptions().Validate();
    }
}
