using AiFinOps.Reporting.Maturity;
using AiFinOps.Reporting.Outcomes.GettingOutcomes;
using AiFinOps.Reporting.Periods;
using AiFinOps.Reporting.Quarterly;
using AiFinOps.Reporting.Sources;
using AiFinOps.Reporting.Usage;
using static AiFinOps.Reporting.Tests.Reports.Rows;

namespace AiFinOps.Reporting.Tests.Reports;

public sealed class ReviewPackingTests
{
    private static readonly ReportPeriod Q3 = ReportPeriod.Quarter(2026, 3);

    // USD per million tokens: an expensive model, a cheap one of the same provider, a cheaper one elsewhere, a dearer one.
    private static readonly ModelRates Premium = new("openai", "premium", 10m, 30m, 1m, null, null);
    private static readonly ModelRates Mini = new("openai", "mini", 1m, 3m, 0.1m, null, null);
    private static readonly ModelRates Other = new("mistral", "small", 0.5m, 1.5m, null, null, null);
    private static readonly ModelRates Dearer = new("anthropic", "opus", 15m, 75m, 1.5m, null, null);
    private static readonly IReadOnlyList<ModelRates> Catalogue = [Premium, Mini, Other, Dearer];

    private static readonly MaturityInputs NoEvidence = new(null, [], [], [], [], [], 0, null);

    private static ReviewPackInputs Inputs(IReadOnlyList<SpendRow> spend, IReadOnlyList<MonthlyOutcome>? outcomes = null, IReadOnlyList<CallProfile>? profiles = null) =>
        new(Q3, spend, [], outcomes ?? [], profiles ?? [], Catalogue, [], NoEvidence);

    [Fact]
    public void The_same_token_mix_is_priced_on_every_cheaper_model_of_the_catalogue_with_the_saving()
    {
        // 1M input and 100k output on premium: 10 + 3 = $13 at list.
        var mix = new ModelMix("openai/premium", 1000, 13m, 13m, 1_000_000, 0, 0, 100_000, 0);

        var alternatives = CheaperModels.For(mix, Catalogue);

        Assert.Equal([("mistral/small", 0.65m, 12.35m, false), ("openai/mini", 1.3m, 11.7m, true)],
            alternatives.Select(a => (a.ToModel, a.CostUsd, a.SavingUsd, a.SameProvider)));
        Assert.Equal(95m, alternatives[0].SavingPercent);
    }

    [Fact]
    public void Cache_reads_are_priced_at_the_cache_rate_where_a_model_has_one_and_at_input_where_not()
    {
        var mix = new ModelMix("openai/premium", 1, 0, 0, 1_000_000, 400_000, 0, 0, 0);

        Assert.Equal(0.64m, CheaperModels.CostOf(mix, Mini));   // 600k × $1 + 400k × $0.10
        Assert.Equal(0.5m, CheaperModels.CostOf(mix, Other));   // 1M × $0.50
    }

    [Fact]
    public void The_top_five_workflows_by_cost_are_reviewed_in_order()
    {
        var spend = Enumerable.Range(1, 7).Select(i => Spend(i * 10m, workflow: $"wf{i}", period: "2026-07-01")).ToList();

        var pack = ReviewPacking.Compute(Inputs(spend));

        Assert.Equal(["wf7", "wf6", "wf5", "wf4", "wf3"], pack.TopWorkflows.Select(w => w.Workflow));
        Assert.Equal([1, 2, 3, 4, 5], pack.TopWorkflows.Select(w => w.Rank));
        Assert.Equal(280m, pack.Total.CostUsd);
    }

    [Fact]
    public void A_workflow_that_spent_without_outcomes_is_flagged_and_one_with_outcomes_shows_its_unit_cost_per_month()
    {
        var spend = new[] { Spend(60m, workflow: "silent", period: "2026-07-01"), Spend(30m, workflow: "triage", period: "2026-07-01"), Spend(20m, workflow: "triage", period: "2026-08-01") };
        var outcomes = new[] { new MonthlyOutcome("triage", "ticket", "2026-07", 300), new MonthlyOutcome("triage", "ticket", "2026-08", 400) };

        var pack = ReviewPacking.Compute(Inputs(spend, outcomes));

        var silent = pack.TopWorkflows.Single(w => w.Workflow == "silent");
        Assert.True(silent.Value.SpendWithoutOutcomes);
        Assert.Contains(silent.Findings, f => f.Contains("no outcomes"));
        var triage = Assert.Single(pack.TopWorkflows.Single(w => w.Workflow == "triage").Value.Units);
        Assert.Equal(0.071429m, triage.CostPerUnitUsd);
        Assert.Equal([0.1m, 0.05m, null], triage.Trend.Select(t => t.CostPerUnitUsd));
    }

    [Fact]
    public void Repeated_prompts_give_a_cache_saving_at_the_realistic_hit_rate()
    {
        // 100 calls, 90 repeating a prompt: hit rate 90 % × 0.8 = 72 % of 1M uncached input at ($10 - $1) per million.
        var spend = new[] { Spend(13m, workflow: "faq", provider: "openai", model: "premium", period: "2026-07-01", events: 100, input: 1_000_000, output: 100_000) };
        var profile = new CallProfile("faq", 100, 100, 100, 90, [100, 0, 0, 0]);

        var efficiency = Assert.Single(ReviewPacking.Compute(Inputs(spend, profiles: [profile])).TopWorkflows).Efficiency;

        Assert.Equal((90m, 72m, 6.48m), (efficiency.RepeatedPromptPercent, efficiency.AssumedHitRatePercent, efficiency.CacheSavingUsd));
        Assert.Equal((100L, 100m), (efficiency.CallsWithoutOutputLimit, efficiency.WithoutOutputLimitPercent));
        Assert.Equal(["0-255", "256-1023", "1024-4095", "4096+"], efficiency.OutputLengths.Select(o => o.Tokens));
    }

    [Fact]
    public void Output_that_doubled_over_the_quarter_is_flagged_with_what_the_extra_costs_a_month()
    {
        // 200 then 400 output tokens per call; 1,000 calls in the last month × 200 extra × $30 per million = $6.
        var spend = new[]
        {
            Spend(5m, workflow: "summarise", model: "premium", period: "2026-07-01", events: 1000, input: 100_000, output: 200_000),
            Spend(9m, workflow: "summarise", model: "premium", period: "2026-09-01", events: 1000, input: 100_000, output: 400_000),
        };

        var review = Assert.Single(ReviewPacking.Compute(Inputs(spend)).TopWorkflows);

        Assert.Equal((2m, 6m), (review.Efficiency.OutputGrowth, review.Efficiency.ExtraOutputCostUsdPerMonth));
        Assert.False(review.Efficiency.CompressionCandidate);
        Assert.Contains(review.Findings, f => f.Contains("Output per call grew 2×"));
    }

    [Fact]
    public void Prompts_that_grew_make_a_compression_candidate()
    {
        var spend = new[]
        {
            Spend(5m, workflow: "rag", period: "2026-07-01", events: 10, input: 10_000),
            Spend(5m, workflow: "rag", period: "2026-08-01", events: 10, input: 13_000),
        };

        var efficiency = Assert.Single(ReviewPacking.Compute(Inputs(spend)).TopWorkflows).Efficiency;

        Assert.Equal(1.3m, efficiency.PromptGrowth);
        Assert.True(efficiency.CompressionCandidate);
    }
}
