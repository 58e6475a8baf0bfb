using AiFinOps.Ingest.Catalogue;
using AiFinOps.Ingest.Catalogue.Bundled;
using AiFinOps.Ingest.Pricing;
using static AiFinOps.Ingest.Tests.Usages;

namespace AiFinOps.Ingest.Tests;

/// <summary>The bundled figures for Mistral, the newer Claude models and the newer OpenAI ones, priced through the
/// real path: the bundled file, the price book with its aliases and name normalisation, and the cost rule.</summary>
public sealed class BundledMistralAndNewerModelsTests
{
    private const decimal Million = 1_000_000m;
    private static readonly BundledCatalogue Bundled = BundledCatalogue.Load();
    private readonly UsagePricing pricing = new(new PriceBook(Bundled.Prices, Bundled.Aliases));

    private static DateTimeOffset On(int year, int month, int day) => new(year, month, day, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Mistral_large_latest_in_January_2026_is_priced_at_Large_3_rates()
    {
        var cost = pricing.Price(Call("mistral", "mistral-large-latest", input: 1_000_000, output: 1_000_000, at: On(2026, 1, 15)));

        Assert.True(cost.Priced);
        Assert.Equal("mistral/mistral-large@2025-12-02", cost.PriceReference);
        Assert.Equal(0.50m + 1.50m, cost.ListCostUsd);
    }

    [Fact]
    public void Mistral_large_latest_before_Large_3_was_Large_2_1()
    {
        var cost = pricing.Price(Call("mistral", "mistral-large-latest", input: 1_000_000, output: 1_000_000, at: On(2025, 11, 30)));

        Assert.Equal("mistral/mistral-large@2024-11-18", cost.PriceReference);
        Assert.Equal(2m + 6m, cost.ListCostUsd);
    }

    [Fact]
    public void A_pinned_Mistral_snapshot_keeps_its_own_price_after_latest_moves_on()
    {
        var large2 = pricing.Price(Call("mistral", "mistral-large-2411", input: 1_000_000, output: 1_000_000, at: On(2026, 1, 15)));
        var large3 = pricing.Price(Call("mistral", "mistral/mistral-large-2512", input: 1_000_000, output: 1_000_000, at: On(2026, 1, 15)));

        Assert.Equal("mistral/mistral-large-2411@2024-11-18", large2.PriceReference);
        Assert.Equal(2m + 6m, large2.ListCostUsd);
        Assert.Equal("mistral/mistral-large-2512@2025-12-02", large3.PriceReference);
        Assert.Equal(0.50m + 1.50m, large3.ListCostUsd);
    }

    [Theory]
    [InlineData("mistral-medium-2505", 0.40, 2.00)]
    [InlineData("mistral-medium-2508", 0.40, 2.00)]
    [InlineData("mistral-medium-3.5", 1.50, 7.50)]
    [InlineData("mistral-medium-2604", 1.50, 7.50)]
    [InlineData("mistral-small-2506", 0.10, 0.30)]
    [InlineData("mistral-small-latest", 0.15, 0.60)]
    [InlineData("codestral-latest", 0.30, 0.90)]
    [InlineData("ministral-8b-latest", 0.15, 0.15)]
    [InlineData("ministral-3b-2410", 0.04, 0.04)]
    [InlineData("magistral-medium-2509", 2.00, 5.00)]
    [InlineData("magistral-small-latest", 0.50, 1.50)]
    [InlineData("pixtral-large-latest", 2.00, 6.00)]
    [InlineData("open-mistral-nemo", 0.15, 0.15)]
    public void Mistral_models_in_May_2026_are_priced_as_on_their_model_cards(string model, decimal input, decimal output)
    {
        var cost = pricing.Price(Call("mistral", model, input: 1_000_000, output: 1_000_000, at: On(2026, 5, 1)));

        Assert.True(cost.Priced, cost.Warning);
        Assert.Equal(input + output, cost.ListCostUsd);
    }

    [Fact]
    public void Mistral_medium_latest_follows_its_alias_from_Medium_3_to_Medium_3_5()
    {
        var before = pricing.Price(Call("mistral", "mistral-medium-latest", input: 1_000_000, output: 0, at: On(2026, 5, 21)));
        var after = pricing.Price(Call("mistral", "mistral-medium-latest", input: 1_000_000, output: 0, at: On(2026, 5, 22)));

        Assert.Equal(0.40m, before.ListCostUsd);
        Assert.Equal(1.50m, after.ListCostUsd);
    }

    [Fact]
    public void Mistral_has_no_batch_price_so_a_batch_call_stays_unpriced()
    {
        var cost = pricing.Price(Call("mistral", "mistral-large-latest", input: 1_000, output: 100, tier: "batch", at: On(2026, 1, 15)));

        Assert.False(cost.Priced);
    }

    [Fact]
    public void Claude_opus_4_5_bills_cache_reads_and_both_cache_write_lifetimes()
    {
        var call = Call("anthropic", "claude-opus-4-5-20251101", input: 100_000, output: 2_000, cacheRead: 60_000, cacheWrite: 20_000, at: On(2025, 12, 1));
        var fiveMinutes = pricing.Price(call);
        var oneHour = pricing.Price(call with { Tags = new Dictionary<string, string> { ["cache_ttl"] = "1h" } });

        Assert.Equal("anthropic/claude-opus-4-5@2025-11-24", fiveMinutes.PriceReference);
        Assert.Equal((20_000 * 5m + 60_000 * 0.50m + 20_000 * 6.25m + 2_000 * 25m) / Million, fiveMinutes.ListCostUsd);
        Assert.Equal((20_000 * 5m + 60_000 * 0.50m + 20_000 * 10m + 2_000 * 25m) / Million, oneHour.ListCostUsd);
    }

    [Fact]
    public void Claude_opus_4_5_batch_is_half_of_every_rate()
    {
        var cost = pricing.Price(Call("anthropic", "claude-opus-4-5", input: 100_000, output: 2_000, cacheRead: 60_000, cacheWrite: 20_000, tier: "batch", at: On(2025, 12, 1)));

        Assert.Equal((20_000 * 2.50m + 60_000 * 0.25m + 20_000 * 3.125m + 2_000 * 12.50m) / Million, cost.ListCostUsd);
    }

    [Fact]
    public void Claude_opus_4_6_long_prompts_cost_more_only_until_the_1M_context_went_GA()
    {
        var beta = pricing.Price(Call("anthropic", "claude-opus-4-6", input: 300_000, output: 1_000, at: On(2026, 3, 12)));
        var ga = pricing.Price(Call("anthropic", "claude-opus-4-6", input: 300_000, output: 1_000, at: On(2026, 3, 13)));

        Assert.Equal((300_000 * 10m + 1_000 * 37.50m) / Million, beta.ListCostUsd);
        Assert.Equal((300_000 * 5m + 1_000 * 25m) / Million, ga.ListCostUsd);
        Assert.Equal("anthropic/claude-opus-4-6@2026-03-13", ga.PriceReference);
    }

    [Theory]
    [InlineData("anthropic.claude-opus-4-5-20251101-v1:0", "anthropic/claude-opus-4-5@2025-11-24")]
    [InlineData("global.anthropic.claude-opus-4-6-v1", "anthropic/claude-opus-4-6@2026-03-13")]
    [InlineData("us.anthropic.claude-sonnet-4-6", "anthropic/claude-sonnet-4-6@2026-03-13")]
    [InlineData("eu.anthropic.claude-opus-4-7", "anthropic/claude-opus-4-7@2026-04-16")]
    [InlineData("anthropic.claude-opus-4-8", "anthropic/claude-opus-4-8@2026-05-28")]
    public void Bedrock_names_of_the_newer_Claude_models_resolve_to_Anthropic_list_prices(string bedrockModel, string reference)
    {
        var cost = pricing.Price(Call("bedrock", bedrockModel, input: 1_000, output: 100, at: On(2026, 7, 1)));

        Assert.True(cost.Priced, cost.Warning);
        Assert.Equal(reference, cost.PriceReference);
    }

    [Fact]
    public void O1_mini_was_cut_to_the_o3_mini_price_when_o3_mini_launched()
    {
        var launch = pricing.Price(Call("openai", "o1-mini-2024-09-12", input: 1_000_000, output: 1_000_000, at: On(2025, 1, 30)));
        var cut = pricing.Price(Call("openai", "o1-mini", input: 1_000_000, output: 1_000_000, cacheRead: 500_000, at: On(2025, 1, 31)));

        Assert.Equal(3m + 12m, launch.ListCostUsd);
        Assert.Equal(500_000 * 1.10m / Million + 500_000 * 0.55m / Million + 4.40m, cut.ListCostUsd);
    }

    [Fact]
    public void Gpt_5_2_on_Azure_is_priced_at_the_OpenAI_list_price_with_its_priority_tier()
    {
        var standard = pricing.Price(Call("azure-openai", "gpt-5.2", input: 1_000_000, output: 1_000_000, at: On(2026, 2, 1)));
        var priority = pricing.Price(Call("openai", "gpt-5.2-2025-12-11", input: 1_000_000, output: 1_000_000, tier: "priority", at: On(2026, 2, 1)));

        Assert.Equal(1.75m + 14m, standard.ListCostUsd);
        Assert.Equal(3.50m + 28m, priority.ListCostUsd);
    }
}
