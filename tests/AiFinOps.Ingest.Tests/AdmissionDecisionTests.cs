using AiFinOps.Ingest.Recording.Backpressure;

namespace AiFinOps.Ingest.Tests;

public sealed class AdmissionDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static ConsumerLag Lag(params (string Queue, uint Messages)[] backlog) =>
        new(backlog.ToDictionary(b => b.Queue, b => b.Messages), Now.AddMilliseconds(-200));

    private static Admission Decide(ConsumerLag lag) => AdmissionDecision.Decide(lag, maxBacklog: 10, Now);

    [Fact]
    public void A_call_goes_ahead_while_every_queue_is_below_the_limit() =>
        Assert.IsType<Admission.Granted>(Decide(Lag(("allocation", 9), ("budgeting", 0))));

    [Fact]
    public void A_call_waits_when_any_queue_reaches_the_limit() =>
        Assert.Equal(new Admission.Behind("anomaly", 10), Decide(Lag(("allocation", 2), ("anomaly", 10))));

    [Fact]
    public void No_watched_queue_holds_nobody_back() =>
        Assert.IsType<Admission.Granted>(Decide(Lag()));

    [Fact]
    public void A_stale_reading_holds_nobody_back()
    {
        var stale = Lag(("budgeting", 500)) with { ReadAt = Now - ConsumerLag.StaleAfter - TimeSpan.FromMilliseconds(1) };
        Assert.IsType<Admission.Granted>(Decide(stale));
        Assert.IsType<Admission.Behind>(Decide(stale with { ReadAt = Now - ConsumerLag.StaleAfter }));
    }

    [Fact]
    public void The_worst_queue_is_the_one_furthest_behind() =>
        Assert.Equal(("anomaly", 12u), Lag(("allocation", 3), ("anomaly", 12), ("budgeting", 7)).Worst);

    [Fact]
    public void A_call_waits_while_a_watched_consumers_queue_does_not_exist() =>
        Assert.Equal(new Admission.QueueMissing("budgeting-usage-batch-priced", "budgeting"),
            Decide(Lag(("allocation-usage-batch-priced", 0)) with { Missing = [new("budgeting-usage-batch-priced", "budgeting")] }));

    [Fact]
    public void A_missing_queue_outweighs_a_full_one_because_its_usage_would_be_lost_not_late() =>
        Assert.IsType<Admission.QueueMissing>(
            Decide(Lag(("allocation-usage-batch-priced", 50)) with { Missing = [new("reporting-usage-batch-priced", "reporting")] }));

    [Fact]
    public void A_missing_queue_in_a_stale_reading_holds_nobody_back_publishing_decides() =>
        Assert.IsType<Admission.Granted>(Decide(Lag() with
        {
            Missing = [new("anomaly-usage-batch-priced", "anomaly")],
            ReadAt = Now - ConsumerLag.StaleAfter - TimeSpan.FromSeconds(1),
        }));

    [Fact]
    public void Before_the_first_reading_a_call_waits_because_the_queues_may_not_exist() =>
        Assert.IsType<Admission.NotChecked>(Decide(ConsumerLag.NotReadYet));

    [Fact]
    public void When_the_broker_could_not_be_asked_at_all_nobody_is_held_back() =>
        Assert.IsType<Admission.Granted>(Decide(ConsumerLag.Unanswered));
}
