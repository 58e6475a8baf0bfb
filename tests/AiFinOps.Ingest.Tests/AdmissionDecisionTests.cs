using AiFinOps.Ingest.Recording.Backpressure;

namespace AiFinOps.Ingest.Tests;

public sealed class AdmissionDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static ConsumerLag Lag(params (string Queue, uint Messages)[] backlog) =>
        new(backlog.ToDictionary(b => b.Queue, b => b.Messages), Now.AddMilliseconds(-200));

    [Fact]
    public void A_call_goes_ahead_while_every_queue_is_below_the_limit() =>
        Assert.True(AdmissionDecision.HasRoom(Lag(("allocation", 9), ("budgeting", 0)), maxBacklog: 10, Now));

    [Fact]
    public void A_call_waits_when_any_queue_reaches_the_limit() =>
        Assert.False(AdmissionDecision.HasRoom(Lag(("allocation", 2), ("anomaly", 10)), maxBacklog: 10, Now));

    [Fact]
    public void No_watched_queue_holds_nobody_back() =>
        Assert.True(AdmissionDecision.HasRoom(Lag(), maxBacklog: 10, Now));

    [Fact]
    public void A_stale_reading_holds_nobody_back()
    {
        var stale = Lag(("budgeting", 500)) with { ReadAt = Now - ConsumerLag.StaleAfter - TimeSpan.FromMilliseconds(1) };
        Assert.True(AdmissionDecision.HasRoom(stale, maxBacklog: 10, Now));
        Assert.False(AdmissionDecision.HasRoom(stale with { ReadAt = Now - ConsumerLag.StaleAfter }, maxBacklog: 10, Now));
    }

    [Fact]
    public void The_worst_queue_is_the_one_furthest_behind() =>
        Assert.Equal(("anomaly", 12u), Lag(("allocation", 3), ("anomaly", 12), ("budgeting", 7)).Worst);
}
