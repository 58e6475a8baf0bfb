using AiFinOps.Anomaly.Detections;
using AiFinOps.Anomaly.Detections.OutputShifts;

namespace AiFinOps.Anomaly.Tests.Detections;

public sealed class OutputShiftRuleTests
{
    private static readonly DateTimeOffset Hour = new(2026, 11, 14, 9, 0, 0, TimeSpan.Zero);
    private static readonly OutputShiftOptions Options = new();

    /// <summary>An hour of <paramref name="calls"/> calls averaging <paramref name="mean"/> output tokens, after 2,400 calls averaging 400.</summary>
    private static HourStats Stats(long calls, long mean, long baselineCalls = 2_400) =>
        new("triage", Hour, Hour.AddMinutes(30), calls, calls / 2, calls * mean, baselineCalls, baselineCalls, baselineCalls * 400);

    private static (bool Shifted, OutputLengthShifted? Detected) Decide(bool shifted, HourStats stats, decimal threshold = 0.5m) =>
        OutputShifts.Decide(shifted, stats, threshold, "support", Options);

    [Fact]
    public void A_mean_more_than_half_again_the_baseline_shifts_and_reports_it()
    {
        var (shifted, detected) = Decide(false, Stats(100, 601));

        Assert.True(shifted);
        Assert.Equal((601m, 400m, 0.5025m), (detected!.MeanOutputTokens, detected.BaselineMeanOutputTokens, detected.Rise));
        Assert.Equal("triage's answers got 50 % longer", detected.Title());
        Assert.Contains("returned 601 output tokens on average, against 400 over the 24 hours before (2,400 calls)", detected.Explanation());
        Assert.Equal((false, null), Decide(false, Stats(100, 600)));
    }

    [Fact]
    public void A_shifted_workflow_is_not_reported_again_until_it_returned()
    {
        Assert.Equal((true, null), Decide(true, Stats(100, 900)));
        Assert.Equal((true, null), Decide(true, Stats(100, 500)));
        Assert.Equal((false, null), Decide(true, Stats(100, 499)));
    }

    [Fact]
    public void Too_small_a_sample_in_the_hour_or_the_baseline_decides_nothing()
    {
        Assert.Equal((false, null), Decide(false, Stats(49, 2_000)));
        Assert.Equal((false, null), Decide(false, Stats(100, 2_000, baselineCalls: 199)));
        Assert.Equal((true, null), Decide(true, Stats(49, 100)));
    }

    [Fact]
    public void A_workflow_threshold_overrides_the_default() =>
        Assert.True(Decide(false, Stats(100, 481), threshold: 0.2m).Shifted);
}
