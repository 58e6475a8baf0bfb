using AiFinOps.Ingest.Catalogue;
using AiFinOps.Ingest.Catalogue.Bundled;

namespace AiFinOps.Ingest.Tests;

public sealed class BundledCatalogueTests
{
    private static readonly BundledCatalogue Catalogue = BundledCatalogue.Load();

    private static CataloguePrice Latest(string provider, string model) =>
        Catalogue.Prices.Where(p => p.Provider == provider && p.Model == model).MaxBy(p => p.EffectiveFrom)
        ?? throw new Xunit.Sdk.XunitException($"{provider}/{model} is not in the bundled catalogue");

    private static CataloguePrice At(string provider, string model, DateOnly day) =>
        Catalogue.Prices.Where(p => p.Provider == provider && p.Model == model && p.EffectiveFrom <= day)
            .MaxBy(p => p.EffectiveFrom)
        ?? throw new Xunit.Sdk.XunitException($"{provider}/{model} has no price on {day}");

    [Fact]
    public void The_bundled_file_loads_with_prices_and_aliases()
    {
        Assert.NotEmpty(Catalogue.Prices);
        Assert.NotEmpty(Catalogue.Aliases);
    }

    [Fact]
    public void Every_entry_has_a_standard_tier_a_source_a_check_date_and_positive_prices()
    {
        foreach (var price in Catalogue.Prices)
        {
            Assert.True(price.Tiers.ContainsKey("standard"), $"{price.Reference} has no standard tier");
            Assert.True(Uri.TryCreate(price.Source, UriKind.Absolute, out var uri) && uri.Scheme == "https",
                $"{price.Reference} has no https source");
            Assert.True(price.CheckedOn >= price.EffectiveFrom, $"{price.Reference} was checked before it took effect");
            Assert.True(price.CheckedOn <= new DateOnly(2026, 11, 29), $"{price.Reference} is checked in the future");
            foreach (var (tier, tierPrice) in price.Tiers)
            {
                foreach (var rates in new[] { tierPrice.Rates }.Concat(tierPrice.LongContext.Select(l => l.Rates)))
                {
                    Assert.True(rates.Input > 0, $"{price.Reference} {tier} input");
                    Assert.True(rates.Output > 0, $"{price.Reference} {tier} output");
                    Assert.True(rates.CacheRead is null or > 0, $"{price.Reference} {tier} cacheRead");
                    Assert.True(rates.CacheWrite is null or > 0, $"{price.Reference} {tier} cacheWrite");
                    Assert.True(rates.CacheWrite1h is null or > 0, $"{price.Reference} {tier} cacheWrite1h");
                }
                Assert.All(tierPrice.LongContext, l => Assert.True(l.AboveInputTokens > 0));
            }
        }
    }

    [Fact]
    public void Google_and_OpenAI_have_no_per_token_cache_write_price()
    {
        var rates = Catalogue.Prices.Where(p => p.Provider is "google" or "openai")
            .SelectMany(p => p.Tiers.Values)
            .SelectMany(t => new[] { t.Rates }.Concat(t.LongContext.Select(l => l.Rates)));
        Assert.All(rates, r =>
        {
            Assert.Null(r.CacheWrite);
            Assert.Null(r.CacheWrite1h);
        });
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    [InlineData("google")]
    public void Batch_is_exactly_half_of_standard_where_the_provider_says_50_percent(string provider)
    {
        var withBatch = Catalogue.Prices.Where(p => p.Provider == provider && p.Tiers.ContainsKey("batch")).ToList();
        Assert.NotEmpty(withBatch);
        foreach (var price in withBatch)
        {
            var standard = price.Tiers["standard"];
            var batch = price.Tiers["batch"];
            AssertHalf(price.Reference, standard.Rates, batch.Rates);
            Assert.Equal(standard.LongContext.Count, batch.LongContext.Count);
            foreach (var (s, b) in standard.LongContext.Zip(batch.LongContext))
            {
                Assert.Equal(s.AboveInputTokens, b.AboveInputTokens);
                AssertHalf(price.Reference, s.Rates, b.Rates);
            }
        }
    }

    private static void AssertHalf(string reference, TokenRates standard, TokenRates batch)
    {
        Assert.True(standard.Input / 2 == batch.Input, $"{reference} batch input");
        Assert.True(standard.Output / 2 == batch.Output, $"{reference} batch output");
        if (batch.CacheRead is { } read) Assert.True(standard.CacheRead / 2 == read, $"{reference} batch cacheRead");
        if (batch.CacheWrite is { } write) Assert.True(standard.CacheWrite / 2 == write, $"{reference} batch cacheWrite");
        if (batch.CacheWrite1h is { } write1h) Assert.True(standard.CacheWrite1h / 2 == write1h, $"{reference} batch cacheWrite1h");
    }

    [Fact]
    public void Anthropic_cache_prices_follow_the_published_multipliers()
    {
        foreach (var price in Catalogue.Prices.Where(p => p.Provider == "anthropic"))
            foreach (var tier in price.Tiers.Values)
                foreach (var rates in new[] { tier.Rates }.Concat(tier.LongContext.Select(l => l.Rates)))
                {
                    Assert.Equal(rates.Input * 1.25m, rates.CacheWrite);
                    Assert.Equal(rates.Input * 2m, rates.CacheWrite1h);
                    Assert.Equal(rates.Input / 10m, rates.CacheRead);
                }
    }

    [Fact]
    public void Every_alias_target_is_in_the_catalogue_and_aliases_are_unique()
    {
        var keys = Catalogue.Prices.Select(p => (p.Provider, p.Model)).ToHashSet();
        Assert.All(Catalogue.Aliases, a => Assert.Contains((a.TargetProvider, a.TargetModel), keys));
        var duplicates = Catalogue.Aliases.GroupBy(a => (a.Provider, a.Alias)).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(duplicates);
    }

    [Fact]
    public void No_two_entries_share_provider_model_and_effective_date()
    {
        var duplicates = Catalogue.Prices.GroupBy(p => p.Reference).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(duplicates);
    }

    [Theory]
    [InlineData("openai", "gpt-4o")]
    [InlineData("openai", "gpt-4o-mini")]
    [InlineData("openai", "gpt-4.1")]
    [InlineData("openai", "gpt-4.1-mini")]
    [InlineData("openai", "gpt-4.1-nano")]
    [InlineData("openai", "o1")]
    [InlineData("openai", "o3")]
    [InlineData("openai", "o3-mini")]
    [InlineData("openai", "o4-mini")]
    [InlineData("openai", "gpt-5")]
    [InlineData("openai", "gpt-5-mini")]
    [InlineData("openai", "gpt-5-nano")]
    [InlineData("anthropic", "claude-3-5-haiku")]
    [InlineData("anthropic", "claude-3-5-sonnet")]
    [InlineData("anthropic", "claude-3-7-sonnet")]
    [InlineData("anthropic", "claude-sonnet-4")]
    [InlineData("anthropic", "claude-sonnet-4-5")]
    [InlineData("anthropic", "claude-opus-4")]
    [InlineData("anthropic", "claude-opus-4-1")]
    [InlineData("anthropic", "claude-haiku-4-5")]
    [InlineData("google", "gemini-2.0-flash")]
    [InlineData("google", "gemini-2.0-flash-lite")]
    [InlineData("google", "gemini-2.5-pro")]
    [InlineData("google", "gemini-2.5-flash")]
    [InlineData("google", "gemini-2.5-flash-lite")]
    public void The_required_model_is_present(string provider, string model) =>
        Assert.Contains(Catalogue.Prices, p => p.Provider == provider && p.Model == model);

    [Fact]
    public void Claude_sonnet_4_is_priced_as_published()
    {
        var standard = Latest("anthropic", "claude-sonnet-4").Tiers["standard"];
        Assert.Equal(3m, standard.Rates.Input);
        Assert.Equal(15m, standard.Rates.Output);
        Assert.Equal(0.30m, standard.Rates.CacheRead);
        Assert.Equal(3.75m, standard.Rates.CacheWrite);
        Assert.Equal(6m, standard.Rates.CacheWrite1h);
        Assert.Null(standard.Rates.Reasoning);

        var longContext = standard.RatesFor(200_001);
        Assert.Equal(6m, longContext.Input);
        Assert.Equal(22.50m, longContext.Output);
        Assert.Same(standard.Rates, standard.RatesFor(200_000));

        var batch = Latest("anthropic", "claude-sonnet-4").Tiers["batch"].Rates;
        Assert.Equal(1.50m, batch.Input);
        Assert.Equal(7.50m, batch.Output);
    }

    [Fact]
    public void Claude_opus_4_1_and_haiku_4_5_are_priced_as_published()
    {
        var opus = Latest("anthropic", "claude-opus-4-1").Tiers["standard"].Rates;
        Assert.Equal((15m, 75m, 1.50m, 18.75m, 30m), (opus.Input, opus.Output, opus.CacheRead!.Value, opus.CacheWrite!.Value, opus.CacheWrite1h!.Value));
        var haiku = Latest("anthropic", "claude-haiku-4-5").Tiers["standard"].Rates;
        Assert.Equal((1m, 5m, 0.10m, 1.25m, 2m), (haiku.Input, haiku.Output, haiku.CacheRead!.Value, haiku.CacheWrite!.Value, haiku.CacheWrite1h!.Value));
        var haiku35 = Latest("anthropic", "claude-3-5-haiku").Tiers["standard"].Rates;
        Assert.Equal((0.80m, 4m, 0.08m, 1m, 1.6m), (haiku35.Input, haiku35.Output, haiku35.CacheRead!.Value, haiku35.CacheWrite!.Value, haiku35.CacheWrite1h!.Value));
    }

    [Fact]
    public void Gpt_4o_is_priced_as_published()
    {
        var price = At("openai", "gpt-4o", new DateOnly(2025, 6, 1));
        var standard = price.Tiers["standard"].Rates;
        Assert.Equal(2.50m, standard.Input);
        Assert.Equal(1.25m, standard.CacheRead);
        Assert.Equal(10m, standard.Output);
        Assert.Equal(1.25m, price.Tiers["batch"].Rates.Input);
        Assert.Equal(5m, price.Tiers["batch"].Rates.Output);
        var priority = price.Tiers["priority"].Rates;
        Assert.Equal((4.25m, 2.125m, 17m), (priority.Input, priority.CacheRead!.Value, priority.Output));
    }

    [Fact]
    public void Gpt_5_family_is_priced_as_published()
    {
        var gpt5 = Latest("openai", "gpt-5");
        Assert.Equal((1.25m, 0.125m, 10m), (gpt5.Tiers["standard"].Rates.Input, gpt5.Tiers["standard"].Rates.CacheRead!.Value, gpt5.Tiers["standard"].Rates.Output));
        Assert.Equal((2.50m, 0.25m, 20m), (gpt5.Tiers["priority"].Rates.Input, gpt5.Tiers["priority"].Rates.CacheRead!.Value, gpt5.Tiers["priority"].Rates.Output));
        var mini = Latest("openai", "gpt-5-mini").Tiers["standard"].Rates;
        Assert.Equal((0.25m, 0.025m, 2m), (mini.Input, mini.CacheRead!.Value, mini.Output));
        var nano = Latest("openai", "gpt-5-nano");
        Assert.Equal((0.05m, 0.005m, 0.40m), (nano.Tiers["standard"].Rates.Input, nano.Tiers["standard"].Rates.CacheRead!.Value, nano.Tiers["standard"].Rates.Output));
        Assert.False(nano.Tiers.ContainsKey("priority"));
    }

    [Fact]
    public void O3_price_cut_of_june_2025_is_a_second_period()
    {
        var before = At("openai", "o3", new DateOnly(2025, 6, 9)).Tiers["standard"].Rates;
        Assert.Equal((10m, 2.50m, 40m), (before.Input, before.CacheRead!.Value, before.Output));
        var after = At("openai", "o3", new DateOnly(2025, 6, 10)).Tiers["standard"].Rates;
        Assert.Equal((2m, 0.50m, 8m), (after.Input, after.CacheRead!.Value, after.Output));
    }

    [Fact]
    public void Gemini_2_5_pro_switches_to_long_context_rates_above_200k_input_tokens()
    {
        var standard = Latest("google", "gemini-2.5-pro").Tiers["standard"];
        Assert.Equal(1.25m, standard.Rates.Input);
        Assert.Equal(10m, standard.Rates.Output);
        var above = Assert.Single(standard.LongContext);
        Assert.Equal(200_000, above.AboveInputTokens);
        Assert.Equal(2.50m, above.Rates.Input);
        Assert.Equal(15m, above.Rates.Output);
        Assert.Equal(2.50m, standard.RatesFor(250_000).Input);
        Assert.Equal(1.25m, standard.RatesFor(200_000).Input);
    }

    [Fact]
    public void Gemini_flash_models_are_priced_as_published()
    {
        var flash = Latest("google", "gemini-2.5-flash").Tiers["standard"].Rates;
        Assert.Equal((0.30m, 2.50m), (flash.Input, flash.Output));
        var lite = Latest("google", "gemini-2.5-flash-lite").Tiers["standard"].Rates;
        Assert.Equal((0.10m, 0.40m), (lite.Input, lite.Output));
        var flash20Lite = Latest("google", "gemini-2.0-flash-lite").Tiers["standard"].Rates;
        Assert.Equal((0.075m, 0.30m), (flash20Lite.Input, flash20Lite.Output));
    }

    [Fact]
    public void Bedrock_and_azure_aliases_resolve_to_the_list_priced_models()
    {
        Assert.Contains(Catalogue.Aliases, a => a is { Provider: "bedrock", Alias: "anthropic.claude-sonnet-4-20250514-v1:0", TargetProvider: "anthropic", TargetModel: "claude-sonnet-4" });
        Assert.Contains(Catalogue.Aliases, a => a is { Provider: "bedrock", Alias: "anthropic.claude-3-5-haiku-20241022-v1:0", TargetModel: "claude-3-5-haiku" });
        Assert.Contains(Catalogue.Aliases, a => a is { Provider: "bedrock", Alias: "anthropic.claude-opus-4-1-20250805-v1:0", TargetModel: "claude-opus-4-1" });
        Assert.Contains(Catalogue.Aliases, a => a is { Provider: "azure-openai", Alias: "gpt-4o", TargetProvider: "openai", TargetModel: "gpt-4o" });
        Assert.DoesNotContain(Catalogue.Aliases, a => a.Alias.StartsWith("us.", StringComparison.Ordinal) || a.Alias.StartsWith("eu.", StringComparison.Ordinal));
    }
}
