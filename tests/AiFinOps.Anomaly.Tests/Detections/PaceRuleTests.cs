using AiFinOps.Anomaly.Detections.Pace;

namespace AiFinOps.Anomaly.Tests.Detections;

public sealed class PaceRuleTests
{
    private static readonly PaceOptions Options = new();
    private static readonly DateTimeOffset TenthOfNovember = new(2026, 11, 11, 0, 0, 0, TimeSpan.Zero);

    private static PaceOverEstimate? Decide(decimal spent, DateTimeOffset at, decimal? estimate = 1_000m, string? lastMonth = null,
        decimal? lastProjection = null) =>
        PaceProjection.Decide("triage", "support", estimate, spent, at, lastMonth, lastProjection, Options);

    [Fact]
    public void The_month_is_projected_linearly_from_the_spend_so_far()
    {
        // 10 of 30 days gone: $400 so far ends the month at $400 + $400 / 10 × 20 = $1,200.
        Assert.Equal((1_200m, 0.3333m), PaceProjection.Project(400m, TenthOfNovember, 0.2m));
    }

    [Fact]
    public void A_projection_above_the_estimate_is_reported_with_the_numbers()
    {
        var pace = Decide(400m, TenthOfNovember)!;

        Assert.Equal(("2026-11", 400m, 1_200m, 1_000m), (pace.Month, pace.SpentUsd, pace.ProjectedUsd, pace.EstimatedUsd));
        Assert.Equal("triage is on course for $1,200.00 in 2026-11, estimated $1,000.00", pace.Title());
        Assert.Contains("has spent $400.00 in 2026-11 with 33 % of the month gone", pace.Explanation());
        Assert.Null(Decide(333m, TenthOfNovember));
    }

    [Fact]
    public void Nothing_is_projected_before_a_fifth_of_the_month_is_gone()
    {
        var sixthOfNovember = new DateTimeOffset(2026, 11, 6, 23, 0, 0, TimeSpan.Zero);

        Assert.Null(Decide(900m, sixthOfNovember));
        Assert.NotNull(Decide(900m, sixthOfNovember.AddHours(1)));
    }

    [Fact]
    public void Once_reported_in_a_month_it_is_reported_again_only_when_a_quarter_worse()
    {
        Assert.Null(Decide(400m, TenthOfNovember, lastMonth: "2026-11", lastProjection: 1_000m));
        Assert.Null(Decide(416m, TenthOfNovember, lastMonth: "2026-11", lastProjection: 1_000m));
        Assert.NotNull(Decide(417m, TenthOfNovember, lastMonth: "2026-11", lastProjection: 1_000m));
        Assert.NotNull(Decide(400m, TenthOfNovember, lastMonth: "2026-10", lastProjection: 5_000m));
    }

    [Fact]
    public void A_workflow_without_an_estimate_has_no_pace_to_judge() =>
        Assert.Null(Decide(1_000_000m, TenthOfNovember, estimate: null));
}
