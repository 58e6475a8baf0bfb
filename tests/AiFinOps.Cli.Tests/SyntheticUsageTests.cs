using AiFinOps.Cli.Emitting;
using AiFinOps.Contracts.Usage.V1;
using Google.Protobuf;

namespace AiFinOps.Cli.Tests;

public sealed class SyntheticUsageTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Events at 50 per simulated second, so prompt caches warm and cool as they would.</summary>
    internal static List<SyntheticEvent> Generate(int seed, int count, double resendShare = 0, string[]? teams = null, string[]? environments = null)
    {
        var generator = new SyntheticUsage(seed, resendShare, teams, environments);
        return [.. Enumerable.Range(0, count).Select(i => generator.Next(Start.AddMilliseconds(i * 20)))];
    }

    private static List<UsageEvent> Usage(int seed, int count) => [.. Generate(seed, count).Select(e => e.Usage)];

    [Fact]
    public void The_same_seed_and_times_give_the_same_events_ids_included()
    {
        var first = Generate(42, 3_000).Select(e => e.Usage.ToByteString());
        var second = Generate(42, 3_000).Select(e => e.Usage.ToByteString());
        Assert.Equal(first, second);
    }

    [Fact]
    public void Different_seeds_give_different_events()
    {
        Assert.NotEqual(Usage(1, 100).Select(e => e.EventId), Usage(2, 100).Select(e => e.EventId));
        Assert.NotEqual(Usage(1, 100).Select(e => e.InputTokens), Usage(2, 100).Select(e => e.InputTokens));
    }

    [Fact]
    public void Every_event_keeps_the_rules_of_the_contract()
    {
        var models = SyntheticModel.All.ToDictionary(m => m.Name);
        Assert.All(Usage(7, 10_000), usage =>
        {
            Assert.True(Guid.TryParse(usage.EventId, out var id) && id.Version == 7, usage.EventId);
            Assert.NotNull(usage.OccurredAt);
            Assert.Equal(models[usage.Model].Provider, usage.Provider);
            Assert.InRange(usage.InputTokens, 1, 1_000_000);
            Assert.InRange(usage.OutputTokens, 1, 100_000);
            Assert.InRange(usage.CacheReadTokens + usage.CacheWriteTokens, 0, usage.InputTokens);
            Assert.True(usage.CacheReadTokens == 0 || usage.CacheWriteTokens == 0);
            Assert.InRange(usage.ReasoningTokens, 0, usage.OutputTokens - 1);
            if (usage.MaxOutputTokens > 0) Assert.InRange(usage.OutputTokens, 1, usage.MaxOutputTokens);
            Assert.False(string.IsNullOrEmpty(usage.Team) || string.IsNullOrEmpty(usage.Workflow) || string.IsNullOrEmpty(usage.Environment));
            Assert.Contains(usage.ServiceTier, new[] { "", "standard", "batch" });
            Assert.Matches("^[0-9a-f]{32}$", usage.PromptFingerprint);
            Assert.True(Guid.TryParse(usage.RunId, out _));
            Assert.True(usage.Tags.ContainsKey("cost_centre") && usage.Tags.ContainsKey("product"));
            Assert.True(usage.LatencyMs > 0);
        });
    }

    [Fact]
    public void The_workload_covers_every_team_environment_and_model_in_realistic_shares()
    {
        var events = Usage(11, 20_000);
        Assert.Equal(["platform", "research", "sales", "support"], events.Select(e => e.Team).Distinct().Order());
        Assert.Equal(["dev", "prod", "staging"], events.Select(e => e.Environment).Distinct().Order());
        Assert.Equal(SyntheticModel.All.Select(m => m.Name).Order(), events.Select(e => e.Model).Distinct().Order());
        Assert.Equal(["anthropic", "google", "mistral", "openai"], events.Select(e => e.Provider).Distinct().Order());
        Assert.InRange(events.Count(e => e.Environment == "prod") / (double)events.Count, 0.6, 0.8);
        Assert.InRange(events.Count(e => e.ServiceTier == "batch") / (double)events.Count, 0.03, 0.3);

        var medianInput = events.Select(e => e.InputTokens).Order().ElementAt(events.Count / 2);
        var medianOutput = events.Select(e => e.OutputTokens).Order().ElementAt(events.Count / 2);
        Assert.InRange(medianInput, 1_500, 15_000);
        Assert.InRange(medianOutput, 100, 2_000);
    }

    [Fact]
    public void The_calls_of_a_run_share_its_run_id_team_workflow_environment_and_model()
    {
        var runs = Usage(5, 5_000).GroupBy(e => e.RunId).ToList();
        Assert.All(runs, run => Assert.Single(run.Select(e => (e.Team, e.Workflow, e.Environment, e.Model)).Distinct()));
        Assert.True(runs.Count(run => run.Count() >= 3) > runs.Count / 4, "many runs make several calls");
        Assert.True(runs.Count < 5_000 / 2);
    }

    [Fact]
    public void Repeated_prompt_fingerprints_are_read_from_cache_and_anthropic_writes_the_cache_first()
    {
        var events = Usage(3, 5_000);
        Assert.True(events.Count(e => e.CacheReadTokens > 0) > events.Count / 3);
        Assert.Contains(events, e => e.Provider == "anthropic" && e.CacheWriteTokens > 0);
        Assert.DoesNotContain(events, e => e.Provider != "anthropic" && e.CacheWriteTokens > 0);
        Assert.DoesNotContain(events, e => e.Provider == "mistral" && e.CacheReadTokens > 0);

        // The first call with a fingerprint can only find a cold cache.
        var first = events.GroupBy(e => (e.Model, e.PromptFingerprint)).Select(g => g.First());
        Assert.All(first, e => Assert.Equal(0, e.CacheReadTokens));
    }

    [Fact]
    public void Only_thinking_models_report_reasoning_tokens()
    {
        var events = Usage(9, 10_000);
        var reasoning = events.Where(e => e.ReasoningTokens > 0).Select(e => e.Model).Distinct().Order();
        Assert.Equal(["claude-sonnet-4-20250514", "gemini-2.5-flash", "o3-mini"], reasoning);
        Assert.All(events.Where(e => e.Model == "o3-mini"), e => Assert.True(e.ReasoningTokens > 0));
    }

    [Fact]
    public void Resends_repeat_an_earlier_event_exactly_at_the_requested_share()
    {
        var events = Generate(13, 10_000, resendShare: 0.1);
        var originals = events.Where(e => !e.IsResend).ToDictionary(e => e.Usage.EventId, e => e.Usage);
        var resends = events.Where(e => e.IsResend).ToList();

        Assert.InRange(resends.Count, 800, 1_200);
        Assert.All(resends, resend => Assert.Equal(originals[resend.Usage.EventId], resend.Usage));
        Assert.Equal(originals.Count, events.Count - resends.Count);
    }

    [Fact]
    public void Teams_and_environments_can_be_narrowed_to_what_a_key_allows()
    {
        var events = Generate(17, 2_000, teams: ["sales"], environments: ["staging", "dev"]);
        Assert.All(events, e => Assert.Equal("sales", e.Usage.Team));
        Assert.Equal(["dev", "staging"], events.Select(e => e.Usage.Environment).Distinct().Order());
        Assert.Throws<ArgumentException>(() => new SyntheticUsage(1, teams: ["marketing"]));
    }
}
