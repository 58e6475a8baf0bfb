using AiFinOps.Anomaly.Detections;
using AiFinOps.Anomaly.Detections.VolumeSpikes;

namespace AiFinOps.Anomaly.Tests.Detections;

public sealed class VolumeSpikeRuleTests
{
    private static readonly DateTimeOffset Hour = new(2026, 11, 14, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LongAgo = Hour.AddDays(-3);
    private static readonly VolumeSpikeOptions Options = new();

    /// <summary>An hour of <paramref name="calls"/> calls and <paramref name="runs"/> runs after 24 hours that made 2,400 calls (100 an hour).</summary>
    private static HourStats Stats(long calls, long runs = 0, long baselineCalls = 2_400) =>
        new("triage", Hour, Hour.AddMinutes(40), calls, runs, calls * 300, baselineCalls, baselineCalls, baselineCalls * 300);

    private static VolumeSpikeDetected? Decide(HourStats stats, DateTimeOffset? firstSeen = null, decimal? runsPerDay = null,
        DateTimeOffset? lastHour = null) =>
        VolumeSpikes.Decide(stats, lastHour, firstSeen ?? LongAgo, runsPerDay, "support", Options);

    [Fact]
    public void Calls_above_three_times_the_trailing_hourly_mean_are_a_spike_and_at_three_times_they_are_not()
    {
        Assert.NotNull(Decide(Stats(301)));
        Assert.Null(Decide(Stats(300)));
    }

    [Fact]
    public void Too_few_calls_are_never_a_spike_however_quiet_the_baseline()
    {
        Assert.Null(Decide(Stats(99, baselineCalls: 24)));
        Assert.NotNull(Decide(Stats(100, baselineCalls: 24)));
    }

    [Fact]
    public void A_workflow_younger_than_the_baseline_window_has_no_baseline_yet()
    {
        Assert.Null(Decide(Stats(5_000, baselineCalls: 10), firstSeen: Hour.AddHours(-23)));
        Assert.NotNull(Decide(Stats(5_000, baselineCalls: 10), firstSeen: Hour.AddHours(-24)));
    }

    [Fact]
    public void Runs_above_three_times_the_registered_runs_per_day_over_24_are_a_spike_even_without_a_baseline()
    {
        var spike = Decide(Stats(120, runs: 31), firstSeen: Hour, runsPerDay: 240);

        Assert.NotNull(spike);
        Assert.Equal((true, false, 10m, (decimal?)null), (spike!.AboveRegistered, spike.AboveBaseline, spike.RegisteredRunsPerHour!.Value, spike.BaselineCallsPerHour));
        Assert.Null(Decide(Stats(120, runs: 30), firstSeen: Hour, runsPerDay: 240));
        Assert.Null(Decide(Stats(120, runs: 9), firstSeen: Hour, runsPerDay: 24));
    }

    [Fact]
    public void An_hour_is_reported_once()
    {
        Assert.Null(Decide(Stats(5_000), lastHour: Hour));
        Assert.NotNull(Decide(Stats(5_000), lastHour: Hour.AddHours(-1)));
    }

    [Fact]
    public void The_spike_explains_the_hour_against_the_baseline_with_the_numbers()
    {
        var spike = Decide(Stats(900, runs: 300), runsPerDay: 2_400)!;

        Assert.Equal("triage made 900 calls in an hour, 9.0× its usual", spike.Title());
        Assert.Contains("900 calls against a mean of 100 calls an hour over the 24 hours before", spike.Explanation());
        Assert.Contains("300 runs against the 2,400 runs a day registered (100 an hour)", spike.Explanation());
        Assert.Equal(("900", "100", "3.0"), (spike.Facts()["calls"], spike.Facts()["baselineCallsPerHour"], spike.Facts()["factor"]));
        Assert.Equal("2026-11-14T09", spike.Period());
    }
}
