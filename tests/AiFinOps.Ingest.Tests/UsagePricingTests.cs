using AiFinOps.Ingest.Catalogue;
using AiFinOps.Ingest.Pricing;
using static AiFinOps.Ingest.Tests.Prices;
using static AiFinOps.Ingest.Tests.Usages;

namespace AiFinOps.Ingest.Tests;

public sealed class UsagePricingTests
{
    private const decimal Million = 1_000_000m;
    private readonly UsagePricing pricing = new(Book(ClaudeSonnet4, Gpt4o, Gemini25Pro));

    [Fact]
    public void A_dated_snapshot_is_priced_at_its_model()
    {
        var cost = pricing.Price(Call("anthropic", "claude-sonnet-4-20250514", input: 1_000, output: 100));

        Assert.True(cost.Priced);
        Assert.Equal("anthropic/claude-sonnet-4@2025-05-22", cost.PriceReference);
        Assert.Equal((1_000 * 3m + 100 * 15m) / Million, cost.ListCostUsd);
        Assert.Equal(cost.ListCostUsd, cost.EffectiveCostUsd);
    }

    [Fact]
    public void The_tier_used_is_part_of_the_price_reference()
    {
        var cost = pricing.Price(Call("openai", "gpt-4o", input: 1_000, output: 100, tier: "batch"));

        Assert.Equal("openai/gpt-4o@2024-08-06#batch", cost.PriceReference);
        Assert.Equal((1_000 * 1.25m + 100 * 5m) / Million, cost.ListCostUsd);
    }

    [Fact]
    public void A_tier_the_catalogue_does_not_price_leaves_the_call_unpriced_instead_of_charging_the_standard_rate()
    {
        var cost = pricing.Price(Call("anthropic", "claude-sonnet-4", input: 1_000, output: 100, tier: "priority"));

        Assert.False(cost.Priced);
        Assert.Null(cost.ListCostUsd);
        Assert.Contains("'priority' tier", cost.Warning);
    }

    [Fact]
    public void An_unknown_model_is_unpriced_with_a_warning_and_no_cost()
    {
        var cost = pricing.Price(Call("acme", "mystery-1", input: 1_000, output: 100, reportedCost: 0.02m));

        Assert.False(cost.Priced);
        Assert.Null(cost.ListCostUsd);
        Assert.Null(cost.EffectiveCostUsd);
        Assert.Equal(0.02m, cost.BilledCostUsd);
        Assert.Contains("acme/mystery-1", cost.Warning);
    }

    [Fact]
    public void A_price_change_mid_month_prices_calls_before_and_after_differently()
    {
        var cut = Price("openai", "o3", new DateOnly(2025, 6, 10), ("standard", new TierPrice { Rates = Rates(2m, 8m) }));
        var launch = Price("openai", "o3", new DateOnly(2025, 4, 16), ("standard", new TierPrice { Rates = Rates(10m, 40m) }));
        var changing = new UsagePricing(Book(launch, cut));

        var before = changing.Price(Call("openai", "o3", input: 1_000, output: 1_000, at: new DateTimeOffset(2025, 6, 9, 23, 59, 59, TimeSpan.Zero)));
        var after = changing.Price(Call("openai", "o3", input: 1_000, output: 1_000, at: new DateTimeOffset(2025, 6, 10, 0, 0, 0, TimeSpan.Zero)));

        Assert.Equal(0.05m, before.ListCostUsd);
        Assert.Equal(0.01m, after.ListCostUsd);
        Assert.Equal("openai/o3@2025-06-10", after.PriceReference);
    }

    [Fact]
    public void A_call_before_the_model_had_a_price_is_unpriced()
    {
        var cost = pricing.Price(Call("anthropic", "claude-sonnet-4", input: 1, output: 1, at: new DateTimeOffset(2025, 5, 21, 0, 0, 0, TimeSpan.Zero)));

        Assert.False(cost.Priced);
    }
}
