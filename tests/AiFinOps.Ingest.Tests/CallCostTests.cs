using AiFinOps.Ingest.Catalogue;
using static AiFinOps.Ingest.Tests.Prices;
using static AiFinOps.Ingest.Tests.Usages;

namespace AiFinOps.Ingest.Tests;

public sealed class CallCostTests
{
    private const decimal Million = 1_000_000m;

    [Fact]
    public void Uncached_input_cache_reads_cache_writes_and_output_each_take_their_own_rate()
    {
        var usage = Call("anthropic", "claude-sonnet-4", input: 10_000, output: 1_500, cacheRead: 6_000, cacheWrite: 2_000);

        var cost = CallCost.List(usage, ClaudeSonnet4.Tiers["standard"]);

        Assert.Equal((2_000 * 3.00m + 6_000 * 0.30m + 2_000 * 3.75m + 1_500 * 15.00m) / Million, cost);
        Assert.Equal(0.0378m, cost);
    }

    [Fact]
    public void One_hour_cache_writes_take_the_one_hour_rate_when_the_call_says_so()
    {
        var usage = Call("anthropic", "claude-sonnet-4", input: 2_000, output: 0, cacheWrite: 2_000) with
        {
            Tags = new Dictionary<string, string> { ["cache_ttl"] = "1h" },
        };

        Assert.Equal(2_000 * 6.00m / Million, CallCost.List(usage, ClaudeSonnet4.Tiers["standard"]));
    }

    [Fact]
    public void Reasoning_tokens_are_output_unless_the_catalogue_prices_them_apart()
    {
        var usage = Call("example", "thinker", input: 0, output: 1_000, reasoning: 800);
        var asOutput = new TierPrice { Rates = Rates(1m, 4m) };
        var apart = new TierPrice { Rates = Rates(1m, 4m, reasoning: 10m) };

        Assert.Equal(1_000 * 4m / Million, CallCost.List(usage, asOutput));
        Assert.Equal((200 * 4m + 800 * 10m) / Million, CallCost.List(usage, apart));
    }

    [Fact]
    public void A_batch_call_is_priced_at_the_batch_rates()
    {
        var usage = Call("anthropic", "claude-sonnet-4", input: 100_000, output: 20_000, tier: "batch");

        Assert.Equal((100_000 * 1.50m + 20_000 * 7.50m) / Million, CallCost.List(usage, ClaudeSonnet4.Tiers["batch"]));
        Assert.Equal(0.30m, CallCost.List(usage, ClaudeSonnet4.Tiers["batch"]));
    }

    [Fact]
    public void A_priority_call_is_priced_at_the_priority_rates_not_the_standard_ones()
    {
        var usage = Call("openai", "gpt-4o", input: 10_000, output: 1_000, cacheRead: 4_000, tier: "priority");

        var cost = CallCost.List(usage, Gpt4o.Tiers["priority"]);

        Assert.Equal((6_000 * 4.25m + 4_000 * 2.125m + 1_000 * 17.00m) / Million, cost);
        Assert.NotEqual(CallCost.List(usage, Gpt4o.Tiers["standard"]), cost);
    }

    [Theory]
    [InlineData(200_000, 1.25, 10.00)]
    [InlineData(200_001, 2.50, 15.00)]
    public void A_prompt_above_the_long_context_threshold_switches_the_whole_call_to_the_higher_rates(long input, double inputRate, double outputRate)
    {
        var usage = Call("google", "gemini-2.5-pro", input: input, output: 1_000);

        var cost = CallCost.List(usage, Gemini25Pro.Tiers["standard"]);

        Assert.Equal((input * (decimal)inputRate + 1_000 * (decimal)outputRate) / Million, cost);
    }

    [Fact]
    public void Costs_stay_exact_decimals_without_float_rounding()
    {
        var usage = Call("openai", "gpt-4o", input: 1, output: 1);

        Assert.Equal(0.0000125m, CallCost.List(usage, Gpt4o.Tiers["standard"]));
    }
}
