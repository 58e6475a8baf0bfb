using AiFinOps.Anomaly.Detections.TokenSpikes;
using AiFinOps.Anomaly.Workflows;

namespace AiFinOps.Anomaly.Tests.Detections;

public sealed class TokenSpikeRuleTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 14, 9, 30, 0, TimeSpan.Zero);

    private static RunState Run(long tokens, bool detected = false, bool closed = false) =>
        new("triage", "support", "run-1", 4, tokens - tokens / 5, tokens / 5, 0.42m, At, closed, detected);

    private static Workflow Registered(long? tokensPerRun = 10_000, decimal? factor = null, bool retired = false) =>
        new("workflow:triage", "triage", new WorkflowTerms("support", "", [], "", 100m, tokensPerRun, null, null, factor, null), At, At, retired);

    private static TokenExpectation? Expected(Workflow? registration, LearnedBaseline? learned = null) =>
        TokenExpectation.For(registration, learned ?? LearnedBaseline.None, defaultFactor: 2.0m, minimumRuns: 20);

    [Fact]
    public void A_run_at_2_1_times_its_registered_tokens_alerts_and_one_at_1_9_times_does_not()
    {
        Assert.NotNull(TokenSpikes.Decide(Run(21_000), Expected(Registered()), "support"));
        Assert.Null(TokenSpikes.Decide(Run(19_000), Expected(Registered()), "support"));
    }

    [Fact]
    public void Exactly_twice_the_expected_tokens_is_not_above_the_factor()
    {
        Assert.Null(TokenSpikes.Decide(Run(20_000), Expected(Registered()), "support"));
        Assert.NotNull(TokenSpikes.Decide(Run(20_001), Expected(Registered()), "support"));
    }

    [Fact]
    public void A_run_alerts_once_however_much_further_it_grows()
    {
        Assert.Null(TokenSpikes.Decide(Run(90_000, detected: true), Expected(Registered()), "support"));
    }

    [Fact]
    public void The_spike_explains_the_run_its_tokens_and_the_expectation_with_the_numbers()
    {
        var spike = TokenSpikes.Decide(Run(21_000), Expected(Registered()), "support")!;

        Assert.Equal((21_000L, 10_000m, 2.1m, "registered"), (spike.Tokens, spike.ExpectedTokens, spike.TimesExpected, spike.ExpectationSource));
        Assert.Equal("Run run-1 of triage used 2.1× the tokens expected", spike.Title());
        Assert.Contains("21,000 tokens (16,800 input, 4,200 output) in 4 calls", spike.Explanation());
        Assert.Contains("registered as expected per run", spike.Explanation());
        Assert.Contains("still going", spike.Explanation());
        Assert.Equal("2.1", spike.Facts()["timesExpected"]);
        Assert.Equal("anomaly.token-spike|triage|support|run-1", spike.DetectionKey());
    }

    [Fact]
    public void A_workflow_factor_overrides_the_default()
    {
        var strict = Expected(Registered(factor: 1.5m));

        Assert.NotNull(TokenSpikes.Decide(Run(15_500), strict, "support"));
        Assert.Equal(1.5m, strict!.Factor);
    }

    [Fact]
    public void Without_a_registered_figure_the_median_of_recent_runs_is_expected_once_there_are_enough()
    {
        var learned = Expected(Registered(tokensPerRun: null), new LearnedBaseline(20, 8_000m));

        Assert.Equal((8_000m, TokenExpectation.Learned, 20), (learned!.TokensPerRun, learned.Source, learned.BaselineRuns));
        Assert.NotNull(TokenSpikes.Decide(Run(16_800), learned, "support"));
        Assert.Contains("the median of its last 20 runs", TokenSpikes.Decide(Run(16_800), learned, "support")!.Explanation());
    }

    [Fact]
    public void No_learned_alert_before_the_minimum_number_of_runs()
    {
        Assert.Null(Expected(null, new LearnedBaseline(19, 8_000m)));
        Assert.NotNull(Expected(null, new LearnedBaseline(20, 8_000m)));
    }

    [Fact]
    public void A_retired_registration_does_not_count_so_the_learned_baseline_does()
    {
        var expected = Expected(Registered(retired: true), new LearnedBaseline(25, 3_000m));

        Assert.Equal((3_000m, TokenExpectation.Learned), (expected!.TokensPerRun, expected.Source));
    }
}
