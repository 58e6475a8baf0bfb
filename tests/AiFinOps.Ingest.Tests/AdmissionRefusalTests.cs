using AiFinOps.Ingest.Recording.Backpressure;
using Grpc.Core;

namespace AiFinOps.Ingest.Tests;

public sealed class AdmissionRefusalTests
{
    [Fact]
    public void A_queue_behind_is_refused_resource_exhausted_with_a_one_second_pushback()
    {
        var refusal = AdmissionRefusal.For(new Admission.Behind("budgeting-usage-batch-priced", 14), maxBacklog: 10);
        Assert.Equal(StatusCode.ResourceExhausted, refusal.StatusCode);
        Assert.Equal("the usage pipeline is behind: 14 messages wait in budgeting-usage-batch-priced (at most 10); " +
            "nothing was recorded — retry with the same event_ids", refusal.Status.Detail);
        Assert.Equal("1000", refusal.Trailers.GetValue("grpc-retry-pushback-ms"));
    }

    [Fact]
    public void A_missing_queue_is_refused_unavailable_naming_the_queue_and_the_service_that_never_started()
    {
        var refusal = AdmissionRefusal.For(new Admission.QueueMissing("budgeting-usage-batch-priced", "budgeting"), maxBacklog: 10);
        Assert.Equal(StatusCode.Unavailable, refusal.StatusCode);
        Assert.Equal("the usage pipeline is not ready: budgeting-usage-batch-priced does not exist yet (budgeting has never started); " +
            "nothing was recorded — retry with the same event_ids", refusal.Status.Detail);
        Assert.Equal("5000", refusal.Trailers.GetValue("grpc-retry-pushback-ms"));
    }

    [Fact]
    public void A_queue_without_a_consumer_is_refused_unavailable_naming_the_queue_how_long_and_where_to_look()
    {
        var refusal = AdmissionRefusal.For(new Admission.NoConsumer("allocation-usage-batch-priced", "allocation", TimeSpan.FromSeconds(42.7)), maxBacklog: 10);
        Assert.Equal(StatusCode.Unavailable, refusal.StatusCode);
        Assert.Equal("the usage pipeline is not processing: allocation-usage-batch-priced has had no consumer for 42 s " +
            "(allocation is down or cannot start — see its /health and log); nothing was recorded — retry with the same event_ids",
            refusal.Status.Detail);
        Assert.Equal("5000", refusal.Trailers.GetValue("grpc-retry-pushback-ms"));
    }

    [Fact]
    public void Queues_not_read_yet_are_refused_unavailable()
    {
        var refusal = AdmissionRefusal.For(new Admission.NotChecked(), maxBacklog: 10);
        Assert.Equal(StatusCode.Unavailable, refusal.StatusCode);
        Assert.StartsWith("the usage pipeline is not ready: ", refusal.Status.Detail);
        Assert.EndsWith(AdmissionRefusal.NothingRecorded, refusal.Status.Detail);
    }

    [Fact]
    public void A_granted_call_is_never_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AdmissionRefusal.For(new Admission.Granted(), maxBacklog: 10));
}
