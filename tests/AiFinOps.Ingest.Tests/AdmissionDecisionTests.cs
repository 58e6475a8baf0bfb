using AiFinOps.Ingest.Recording.Backpressure;

namespace AiFinOps.Ingest.Tests;

public sealed class AdmissionDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    private static ConsumerLag Lag(params (string Queue, uint Messages)[] backlog) =>
        new(backlog.ToDictionary(b => b.Queue, b => b.Messages), Now.AddMilliseconds(-200));

    private static Admission Decide(ConsumerLag lag) => AdmissionDecision.Decide(lag, maxBacklog: 10, Grace, Now);

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

    [Fact]
    public void A_queue_without_a_consumer_holds_nobody_back_within_the_grace_period()
    {
        var lag = Lag(("budgeting-usage-batch-priced", 0));
        Assert.IsType<Admission.Granted>(Decide(lag with { Unattended = [new("budgeting-usage-batch-priced", "budgeting", lag.ReadAt - Grace)] }));
    }

    [Fact]
    public void A_call_waits_once_a_watched_queue_has_had_no_consumer_for_longer_than_the_grace_period()
    {
        var lag = Lag(("allocation-usage-batch-priced", 0), ("budgeting-usage-batch-priced", 3));
        var since = lag.ReadAt - Grace - TimeSpan.FromSeconds(1);
        Assert.Equal(new Admission.NoConsumer("budgeting-usage-batch-priced", "budgeting", Grace + TimeSpan.FromSeconds(1)),
            Decide(lag with { Unattended = [new("budgeting-usage-batch-priced", "budgeting", since)] }));
    }

    [Fact]
    public void The_queue_longest_without_a_consumer_is_named_and_a_missing_queue_outweighs_it()
    {
        var lag = Lag(("allocation-usage-batch-priced", 0), ("anomaly-usage-batch-priced", 0)) with
        {
            Unattended =
            [
                new("allocation-usage-batch-priced", "allocation", Now.AddMinutes(-2)),
                new("anomaly-usage-batch-priced", "anomaly", Now.AddMinutes(-5)),
            ],
        };
        Assert.Equal("anomaly-usage-batch-priced", Assert.IsType<Admission.NoConsumer>(Decide(lag)).Queue);
        Assert.IsType<Admission.QueueMissing>(Decide(lag with { Missing = [new("budgeting-usage-batch-priced", "budgeting")] }));
    }

    [Fact]
    public void A_queue_without_a_consumer_outweighs_a_backlog() =>
        Assert.IsType<Admission.NoConsumer>(Decide(Lag(("allocation-usage-batch-priced", 50)) with
        {
            Unattended = [new("allocation-usage-batch-priced", "allocation", Now.AddMinutes(-1))],
        }));
}
