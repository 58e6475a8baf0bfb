using AiFinOps.Ingest.Catalogue;
using AiFinOps.Ingest.Pricing;
using AiFinOps.Ingest.Recording;
using static AiFinOps.Ingest.Tests.Prices;
using static AiFinOps.Ingest.Tests.Usages;

namespace AiFinOps.Ingest.Tests;

public sealed class PricedUsageMappingTests
{
    private const decimal Million = 1_000_000m;

    private static (UsageCost Cost, CostParts Parts) Priced(ValidUsage usage, TierPrice tier)
    {
        var parts = CallCost.Parts(usage, tier);
        return (new UsageCost(true, "example/model@2025-01-01", parts.Total, parts.Total, null, null), parts);
    }

    [Fact]
    public void The_list_cost_is_split_by_kind_of_token_and_the_parts_sum_to_it()
    {
        var usage = Call("anthropic", "claude-sonnet-4", input: 10_000, output: 1_500, cacheRead: 6_000, cacheWrite: 2_000);
        var (cost, parts) = Priced(usage, ClaudeSonnet4.Tiers["standard"]);

        var message = PricedUsageMapping.ToMessage(usage, cost, parts);

        var split = Assert.IsType<AiFinOps.Contracts.Messages.TokenTypeCosts>(message.ListCostByTokenType);
        Assert.Equal(2_000 * 3.00m / Million, split.UncachedInputUsd);
        Assert.Equal(6_000 * 0.30m / Million, split.CacheReadUsd);
        Assert.Equal(2_000 * 3.75m / Million, split.CacheWriteUsd);
        Assert.Equal(1_500 * 15.00m / Million, split.OutputUsd);
        Assert.Equal(0m, split.ReasoningUsd);
        Assert.Equal(message.ListCostUsd, split.UncachedInputUsd + split.CacheReadUsd + split.CacheWriteUsd + split.OutputUsd + split.ReasoningUsd);
    }

    [Fact]
    public void Reasoning_billed_as_output_is_itemised_apart_at_the_output_rate()
    {
        var usage = Call("example", "thinker", input: 0, output: 1_000, reasoning: 800);
        var (cost, parts) = Priced(usage, new TierPrice { Rates = Rates(1m, 4m) });

        var split = PricedUsageMapping.ToMessage(usage, cost, parts).ListCostByTokenType!;

        Assert.Equal(200 * 4m / Million, split.OutputUsd);
        Assert.Equal(800 * 4m / Million, split.ReasoningUsd);
        Assert.Equal(cost.ListCostUsd, split.OutputUsd + split.ReasoningUsd);
    }

    [Fact]
    public void Reasoning_priced_apart_keeps_its_own_rate()
    {
        var usage = Call("example", "thinker", input: 0, output: 1_000, reasoning: 800);
        var (cost, parts) = Priced(usage, new TierPrice { Rates = Rates(1m, 4m, reasoning: 10m) });

        var split = PricedUsageMapping.ToMessage(usage, cost, parts).ListCostByTokenType!;

        Assert.Equal(200 * 4m / Million, split.OutputUsd);
        Assert.Equal(800 * 10m / Million, split.ReasoningUsd);
    }

    [Fact]
    public void An_unpriced_call_has_no_split()
    {
        var usage = Call("acme", "mystery", input: 100, output: 10);

        var message = PricedUsageMapping.ToMessage(usage, new UsageCost(false, null, null, null, null, "no price"), null);

        Assert.Null(message.ListCostByTokenType);
    }
}
