using AiFinOps.Ingest.Catalogue;
using AiFinOps.Ingest.Catalogue.Negotiating;
using AiFinOps.Ingest.Pricing;
using static AiFinOps.Ingest.Tests.Prices;
using static AiFinOps.Ingest.Tests.Usages;

namespace AiFinOps.Ingest.Tests;

public sealed class DiscountTests
{
    private static NegotiatedDiscount Discount(string id, string? model = null, decimal? percent = null,
        IReadOnlyDictionary<string, TierPrice>? contracted = null, DateOnly? from = null, DateOnly? to = null) => new()
        {
            Id = id,
            Provider = "anthropic",
            Model = model,
            EffectiveFrom = from ?? new DateOnly(2025, 1, 1),
            EffectiveTo = to,
            PercentOff = percent,
            ContractedTiers = contracted,
            Source = "enterprise agreement 2025",
        };

    private static UsageCost Price(params NegotiatedDiscount[] discounts) =>
        new UsagePricing(new PriceBook([ClaudeSonnet4], [], discounts))
            .Price(Call("anthropic", "claude-sonnet-4", input: 1_000_000, output: 100_000, reportedCost: 4.00m));

    [Fact]
    public void Without_a_discount_effective_cost_is_list_cost()
    {
        var cost = Price();

        Assert.Equal(4.50m, cost.ListCostUsd);
        Assert.Equal(4.50m, cost.EffectiveCostUsd);
        Assert.Null(cost.DiscountReference);
    }

    [Fact]
    public void A_percentage_discount_makes_effective_cost_lower_than_list()
    {
        var cost = Price(Discount("ea-2025", percent: 20m));

        Assert.Equal(4.50m, cost.ListCostUsd);
        Assert.Equal(3.60m, cost.EffectiveCostUsd);
        Assert.Equal("ea-2025", cost.DiscountReference);
    }

    [Fact]
    public void Contracted_prices_replace_the_list_rates_for_their_tier()
    {
        var contracted = new Dictionary<string, TierPrice> { ["standard"] = new() { Rates = Rates(2.00m, 10.00m) } };

        var cost = Price(Discount("contract", model: "claude-sonnet-4", contracted: contracted));

        Assert.Equal(3.00m, cost.EffectiveCostUsd);
    }

    [Fact]
    public void A_model_level_discount_wins_over_a_provider_level_one()
    {
        var cost = Price(Discount("provider-wide", percent: 10m), Discount("sonnet-only", model: "claude-sonnet-4", percent: 30m));

        Assert.Equal("sonnet-only", cost.DiscountReference);
        Assert.Equal(3.15m, cost.EffectiveCostUsd);
    }

    [Fact]
    public void A_discount_outside_its_dates_does_not_apply()
    {
        var cost = Price(Discount("expired", percent: 50m, to: new DateOnly(2025, 6, 1)));

        Assert.Equal(4.50m, cost.EffectiveCostUsd);
    }

    [Fact]
    public void A_reported_cost_becomes_the_billed_cost_and_its_difference_to_the_catalogue_is_the_drift()
    {
        var cost = Price(Discount("ea-2025", percent: 20m));

        Assert.Equal(4.00m, cost.BilledCostUsd);
        Assert.Equal(0.40m, cost.BilledDriftUsd);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(100.0, false)]
    [InlineData(-1.0, false)]
    [InlineData(15.0, true)]
    public void A_discount_needs_a_percentage_below_100_or_contracted_prices(double? percent, bool valid) =>
        Assert.Equal(valid, DiscountDecisions.Check(Discount("d", percent: (decimal?)percent)).Count == 0);
}
