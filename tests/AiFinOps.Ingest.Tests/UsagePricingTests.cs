using AiFinOps.Ingest.Pricing;
using static AiFinOps.Ingest.Tests.Usages;

namespace AiFinOps.Ingest.Tests;

public sealed class UsagePricingTests
{
    private const decimal Million = 1_000_000m;
    private readonly UsagePricing starter = new();

    [Fact]
    public void A_dated_anthropic_snapshot_is_priced_at_its_model_in_the_starter_table()
    {
        var usage = Call("anthropic", "claude-sonnet-4-20250514", input: 10_000, output: 1_500, cacheRead: 6_000, cacheWrite: 2_000,
            at: new DateTimeOffset(2025, 11, 1, 9, 0, 0, TimeSpan.Zero));

        var cost = starter.Price(usage);

        // claude-sonnet-4: input 3.00, output 15.00, cache read 0.30, cache write 3.75 per million.
        var expected = (2_000 * 3.00m + 6_000 * 0.30m + 2_000 * 3.75m + 1_500 * 15.00m) / Million;
        Assert.True(cost.Priced);
        Assert.Equal("anthropic/claude-sonnet-4@2025-05-22", cost.PriceReference);
        Assert.Equal(expected, cost.ListCostUsd);
        Assert.Equal(expected, cost.EffectiveCostUsd);
        Assert.Null(cost.Warning);
    }

    [Fact]
    public void A_gpt_4o_batch_call_is_priced_at_half_the_list_price()
    {
        var usage = Call("openai", "gpt-4o-2024-08-06", input: 100_000, output: 20_000, cacheRead: 40_000, tier: "batch");

        var cost = starter.Price(usage);

        // gpt-4o: input 2.50, output 10.00, cache read 1.25 per million; batch 50 % off.
        Assert.Equal((60_000 * 2.50m + 40_000 * 1.25m + 20_000 * 10.00m) * 0.5m / Million, cost.ListCostUsd);
        Assert.Equal("openai/gpt-4o@2024-10-01", cost.PriceReference);
    }

    [Fact]
    public void A_provider_prefixed_model_name_is_priced_like_the_bare_name()
    {
        var prefixed = starter.Price(Call("anthropic", "anthropic/claude-sonnet-4-20250514", input: 1_000, output: 100));
        var bare = starter.Price(Call("anthropic", "claude-sonnet-4", input: 1_000, output: 100));

        Assert.True(prefixed.Priced);
        Assert.Equal(bare.ListCostUsd, prefixed.ListCostUsd);
        Assert.Equal((1_000 * 3.00m + 100 * 15.00m) / Million, prefixed.ListCostUsd);
    }

    [Fact]
    public void A_dated_mini_snapshot_is_priced_as_the_mini_model_not_the_larger_one()
    {
        var cost = starter.Price(Call("openai", "gpt-4o-mini-2024-07-18", input: 1_000_000, output: 0));

        Assert.Equal("openai/gpt-4o-mini@2024-07-18", cost.PriceReference);
        Assert.Equal(0.15m, cost.ListCostUsd);
    }

    [Fact]
    public void An_unknown_model_is_unpriced_with_a_warning_and_no_costs()
    {
        var cost = starter.Price(Call("mistral", "mistral-large-2411", input: 1_000, output: 100));

        Assert.False(cost.Priced);
        Assert.Null(cost.PriceReference);
        Assert.Null(cost.ListCostUsd);
        Assert.Null(cost.EffectiveCostUsd);
        var warning = Assert.IsType<string>(cost.Warning);
        Assert.Contains("mistral/mistral-large-2411", warning);
        Assert.Contains("unpriced", warning);
    }

    [Fact]
    public void An_unpriced_call_still_carries_the_cost_the_provider_reported()
    {
        var cost = starter.Price(Call("mistral", "mistral-large", input: 1_000, output: 100, reportedCost: 0.0042m));

        Assert.False(cost.Priced);
        Assert.Equal(0.0042m, cost.BilledCostUsd);
    }

    [Fact]
    public void A_priced_call_carries_the_reported_cost_as_billed_next_to_the_list_cost()
    {
        var cost = starter.Price(Call("openai", "gpt-4o", input: 1_000, output: 0, reportedCost: 0.002m));

        Assert.Equal(1_000 * 2.50m / Million, cost.ListCostUsd);
        Assert.Equal(0.002m, cost.BilledCostUsd);
    }

    [Fact]
    public void A_model_is_priced_only_under_the_provider_that_lists_it()
    {
        Assert.False(starter.Price(Call("azure-openai", "gpt-4o", input: 1_000, output: 100)).Priced);
    }

    [Fact]
    public void A_price_does_not_apply_before_its_effective_date()
    {
        // claude-sonnet-4 is priced from 2025-05-22.
        var dayBefore = starter.Price(Call("anthropic", "claude-sonnet-4", input: 1_000, output: 100,
            at: new DateTimeOffset(2025, 5, 21, 23, 59, 59, TimeSpan.Zero)));
        var firstDay = starter.Price(Call("anthropic", "claude-sonnet-4", input: 1_000, output: 100,
            at: new DateTimeOffset(2025, 5, 22, 0, 0, 0, TimeSpan.Zero)));

        Assert.False(dayBefore.Priced);
        Assert.Contains("2025-05-21", dayBefore.Warning);
        Assert.True(firstDay.Priced);
    }

    [Fact]
    public void A_later_price_replaces_the_earlier_one_from_its_effective_date_only()
    {
        var pricing = new UsagePricing(
        [
            new ModelPrice("openai", "gpt-4o", new DateOnly(2026, 1, 1), 2.00m, 8.00m),
            new ModelPrice("openai", "gpt-4o", new DateOnly(2024, 10, 1), 2.50m, 10.00m),
        ]);

        var before = pricing.Price(Call("openai", "gpt-4o", input: 1_000_000, output: 0, at: new DateTimeOffset(2025, 12, 31, 23, 59, 59, TimeSpan.Zero)));
        var after = pricing.Price(Call("openai", "gpt-4o", input: 1_000_000, output: 0, at: new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        Assert.Equal(2.50m, before.ListCostUsd);
        Assert.Equal("openai/gpt-4o@2024-10-01", before.PriceReference);
        Assert.Equal(2.00m, after.ListCostUsd);
        Assert.Equal("openai/gpt-4o@2026-01-01", after.PriceReference);
    }

    [Fact]
    public void The_price_in_force_is_chosen_by_the_utc_day_of_the_call()
    {
        var pricing = new UsagePricing(
        [
            new ModelPrice("openai", "gpt-4o", new DateOnly(2024, 10, 1), 2.50m, 10.00m),
            new ModelPrice("openai", "gpt-4o", new DateOnly(2026, 1, 1), 2.00m, 8.00m),
        ]);

        // 00:30 on 1 January in Paris is still 31 December in UTC.
        var cost = pricing.Price(Call("openai", "gpt-4o", input: 1_000_000, output: 0, at: new DateTimeOffset(2026, 1, 1, 0, 30, 0, TimeSpan.FromHours(1))));

        Assert.Equal(2.50m, cost.ListCostUsd);
    }
}
