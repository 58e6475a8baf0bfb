using AiFinOps.Ingest.Pricing;
using static AiFinOps.Ingest.Tests.Usages;

namespace AiFinOps.Ingest.Tests;

/// <summary>
/// Expected costs are worked out by hand from the contract's rule: uncached input × input price + cache reads ×
/// cache-read price + cache writes × cache-write price + output × output price, prices in USD per million tokens,
/// batch at the catalogue's discount (50 %).
/// </summary>
public sealed class CostCalculationTests
{
    private const decimal Million = 1_000_000m;

    private static readonly ModelPrice ClaudeSonnet4 =
        new("anthropic", "claude-sonnet-4", new DateOnly(2025, 5, 22), 3.00m, 15.00m, CacheReadPerMillion: 0.30m, CacheWritePerMillion: 3.75m);

    private static readonly ModelPrice Gpt4o =
        new("openai", "gpt-4o", new DateOnly(2024, 10, 1), 2.50m, 10.00m, CacheReadPerMillion: 1.25m);

    [Fact]
    public void Cache_reads_and_writes_are_priced_apart_from_the_uncached_input()
    {
        // 10,000 input = 2,000 uncached + 6,000 cache reads + 2,000 cache writes; 1,500 output.
        var usage = Call("anthropic", "claude-sonnet-4-20250514", input: 10_000, output: 1_500, cacheRead: 6_000, cacheWrite: 2_000);

        var expected = (2_000 * 3.00m + 6_000 * 0.30m + 2_000 * 3.75m + 1_500 * 15.00m) / Million;

        Assert.Equal(0.0378m, expected);
        Assert.Equal(expected, CostCalculation.ListCost(usage, ClaudeSonnet4));
    }

    [Fact]
    public void The_batch_tier_costs_half_the_standard_price()
    {
        // 100,000 input = 60,000 uncached + 40,000 cache reads; 20,000 output; batch: 50 % off.
        var batch = Call("openai", "gpt-4o", input: 100_000, output: 20_000, cacheRead: 40_000, tier: "batch");

        var expected = (60_000 * 2.50m + 40_000 * 1.25m + 20_000 * 10.00m) * 0.5m / Million;

        Assert.Equal(0.2m, expected);
        Assert.Equal(expected, CostCalculation.ListCost(batch, Gpt4o));
        Assert.Equal(2 * expected, CostCalculation.ListCost(batch with { ServiceTier = "standard" }, Gpt4o));
    }

    [Fact]
    public void The_batch_discount_comes_from_the_price()
    {
        var price = Gpt4o with { BatchDiscount = 0.25m };
        var usage = Call("openai", "gpt-4o", input: 1_000_000, output: 0, tier: "batch");

        Assert.Equal(1_000_000 * 2.50m * 0.75m / Million, CostCalculation.ListCost(usage, price));
    }

    [Fact]
    public void Cache_tokens_without_their_own_price_are_billed_at_the_input_price()
    {
        // gpt-4o has no cache-write price: the 500 cache writes cost what uncached input costs.
        var usage = Call("openai", "gpt-4o", input: 2_000, output: 0, cacheWrite: 500);

        Assert.Equal((1_500 * 2.50m + 500 * 2.50m) / Million, CostCalculation.ListCost(usage, Gpt4o));
        Assert.Equal((1_500 * 3.00m + 500 * 3.00m) / Million,
            CostCalculation.ListCost(usage, ClaudeSonnet4 with { CacheReadPerMillion = null, CacheWritePerMillion = null }));
    }

    [Fact]
    public void Reasoning_is_billed_as_output_when_the_catalogue_has_no_reasoning_price()
    {
        var o3Mini = new ModelPrice("openai", "o3-mini", new DateOnly(2025, 1, 31), 1.10m, 4.40m, CacheReadPerMillion: 0.55m);
        var usage = Call("openai", "o3-mini", input: 1_000, output: 5_000, reasoning: 4_000);

        Assert.Equal((1_000 * 1.10m + 5_000 * 4.40m) / Million, CostCalculation.ListCost(usage, o3Mini));
    }

    [Fact]
    public void Reasoning_is_billed_at_the_reasoning_price_where_the_catalogue_has_one()
    {
        var price = new ModelPrice("example", "thinker", new DateOnly(2025, 1, 1), 1.00m, 4.00m, ReasoningPerMillion: 2.00m);
        var usage = Call("example", "thinker", input: 1_000, output: 5_000, reasoning: 4_000);

        // 1,000 plain output at the output price, 4,000 reasoning at the reasoning price.
        Assert.Equal((1_000 * 1.00m + 1_000 * 4.00m + 4_000 * 2.00m) / Million, CostCalculation.ListCost(usage, price));
    }

    [Theory]
    [InlineData("priority")]
    [InlineData("flex")]
    [InlineData("standard")]
    public void Tiers_other_than_batch_get_no_batch_discount(string tier)
    {
        var usage = Call("openai", "gpt-4o", input: 1_000, output: 1_000, tier: tier);

        Assert.Equal((1_000 * 2.50m + 1_000 * 10.00m) / Million, CostCalculation.ListCost(usage, Gpt4o));
    }

    [Fact]
    public void A_call_without_tokens_costs_nothing()
    {
        Assert.Equal(0m, CostCalculation.ListCost(Call("openai", "gpt-4o", input: 0, output: 0), Gpt4o));
    }

    [Fact]
    public void Costs_stay_exact_to_the_millionth_of_a_cent()
    {
        // One token of gpt-4o-mini input: 0.15 USD per million = 0.00000015 USD, no rounding.
        var mini = new ModelPrice("openai", "gpt-4o-mini", new DateOnly(2024, 7, 18), 0.15m, 0.60m, CacheReadPerMillion: 0.075m);

        Assert.Equal(0.00000015m, CostCalculation.ListCost(Call("openai", "gpt-4o-mini", input: 1, output: 0), mini));
        Assert.Equal(0.000000075m, CostCalculation.ListCost(Call("openai", "gpt-4o-mini", input: 1, output: 0, cacheRead: 1), mini));
    }
}
