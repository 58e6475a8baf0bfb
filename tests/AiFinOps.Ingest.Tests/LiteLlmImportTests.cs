using System.Globalization;
using System.Text;
using System.Text.Json;
using AiFinOps.Ingest.Catalogue;
using AiFinOps.Ingest.Catalogue.Importing;

namespace AiFinOps.Ingest.Tests;

public sealed class LiteLlmImportTests
{
    private static readonly DateOnly Nov1 = new(2025, 11, 1);

    /// <summary>Entries as LiteLLM writes them (figures from its file and the providers' pricing pages).</summary>
    private const string Sample = """
    {
      "sample_spec": {
        "max_tokens": "LEGACY parameter. set to max_output_tokens if provider specifies it.",
        "input_cost_per_token": 0.0000,
        "output_cost_per_token": 0.000,
        "litellm_provider": "one of https://docs.litellm.ai/docs/providers",
        "mode": "one of: chat, embedding, completion, image_generation, audio_transcription, audio_speech, image_generation, moderation, rerank"
      },
      "gpt-4o": {
        "litellm_provider": "openai", "mode": "chat",
        "input_cost_per_token": 2.5e-06, "output_cost_per_token": 1e-05,
        "cache_read_input_token_cost": 1.25e-06,
        "input_cost_per_token_batches": 1.25e-06, "output_cost_per_token_batches": 5e-06,
        "input_cost_per_token_priority": 4.25e-06, "output_cost_per_token_priority": 1.7e-05
      },
      "claude-sonnet-4-20250514": {
        "litellm_provider": "anthropic", "mode": "chat",
        "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05,
        "cache_creation_input_token_cost": 3.75e-06, "cache_read_input_token_cost": 3e-07
      },
      "gemini/gemini-2.5-pro": {
        "litellm_provider": "gemini", "mode": "chat",
        "input_cost_per_token": 1.25e-06, "output_cost_per_token": 1e-05,
        "input_cost_per_token_above_200k_tokens": 2.5e-06, "output_cost_per_token_above_200k_tokens": 1.5e-05,
        "cache_read_input_token_cost": 3.1e-07, "cache_read_input_token_cost_above_200k_tokens": 6.25e-07
      },
      "o3-mini": {
        "litellm_provider": "openai", "mode": "chat",
        "input_cost_per_token": 1.1e-06, "output_cost_per_token": 4.4e-06, "output_cost_per_reasoning_token": 4.4e-06
      },
      "azure/gpt-4o-mini": {
        "litellm_provider": "azure", "mode": "chat",
        "input_cost_per_token": 1.65e-07, "output_cost_per_token": 6.6e-07
      },
      "text-embedding-3-small": {
        "litellm_provider": "openai", "mode": "embedding",
        "input_cost_per_token": 2e-08, "output_cost_per_token": 0.0
      },
      "dall-e-3": { "litellm_provider": "openai", "mode": "image_generation", "input_cost_per_pixel": 1e-08 },
      "free-chat": { "litellm_provider": "openai", "mode": "chat", "max_tokens": 4096 }
    }
    """;

    private static LiteLlmImport Parse(string json = Sample) => LiteLlmCatalogue.Parse(json, Nov1, "checked 2025-11-01");

    private static CataloguePrice Find(LiteLlmImport import, string key) => Assert.Single(import.Prices, p => p.Key == key);

    [Fact]
    public void Per_token_prices_become_exact_prices_per_million_tokens()
    {
        var import = Parse();

        var sonnet = Find(import, "anthropic/claude-sonnet-4-20250514").Tiers["standard"].Rates;
        Assert.Equal(new TokenRates { Input = 3m, Output = 15m, CacheRead = 0.3m, CacheWrite = 3.75m }, sonnet);
        Assert.Equal("3", sonnet.Input.ToString(CultureInfo.InvariantCulture));

        var gpt4o = Find(import, "openai/gpt-4o");
        Assert.Equal(new TokenRates { Input = 2.5m, Output = 10m, CacheRead = 1.25m }, gpt4o.Tiers["standard"].Rates);
        Assert.Equal(new TokenRates { Input = 1.25m, Output = 5m }, gpt4o.Tiers["batch"].Rates);
        Assert.Equal(new TokenRates { Input = 4.25m, Output = 17m }, gpt4o.Tiers["priority"].Rates);

        Assert.Equal(4.4m, Find(import, "openai/o3-mini").Tiers["standard"].Rates.Reasoning);
        Assert.Equal(0.165m, Find(import, "azure-openai/gpt-4o-mini").Tiers["standard"].Rates.Input);
    }

    [Fact]
    public void Gemini_gets_its_long_context_rates_above_200k_and_loses_its_prefix()
    {
        var gemini = Find(Parse(), "google/gemini-2.5-pro");
        var standard = gemini.Tiers["standard"];
        Assert.Equal(new TokenRates { Input = 1.25m, Output = 10m, CacheRead = 0.31m }, standard.Rates);
        var longContext = Assert.Single(standard.LongContext);
        Assert.Equal(200_000, longContext.AboveInputTokens);
        Assert.Equal(new TokenRates { Input = 2.5m, Output = 15m, CacheRead = 0.625m }, longContext.Rates);
        Assert.Equal(15m, standard.RatesFor(250_000).Output);
    }

    [Fact]
    public void Every_long_context_threshold_given_is_kept()
    {
        var import = Parse("""
        { "gemini-1.5-pro": { "litellm_provider": "vertex_ai-language-models", "mode": "chat",
            "input_cost_per_token": 1.25e-06, "output_cost_per_token": 5e-06,
            "input_cost_per_token_above_128k_tokens": 2.5e-06, "output_cost_per_token_above_128k_tokens": 1e-05 } }
        """);
        var longContext = Assert.Single(Find(import, "google/gemini-1.5-pro").Tiers["standard"].LongContext);
        Assert.Equal(new LongContextRates(128_000, new TokenRates { Input = 2.5m, Output = 10m }), longContext);
    }

    [Fact]
    public void Anthropic_one_hour_cache_writes_and_long_context_cache_prices_are_kept()
    {
        // As LiteLLM lists Claude Sonnet 4.5: plain decimals and exponents mixed, as in its file.
        var import = Parse("""
        { "claude-sonnet-4-5": { "litellm_provider": "anthropic", "mode": "chat",
            "input_cost_per_token": 0.000003, "output_cost_per_token": 0.000015,
            "input_cost_per_token_above_200k_tokens": 0.000006, "output_cost_per_token_above_200k_tokens": 0.0000225,
            "cache_read_input_token_cost": 3e-7, "cache_creation_input_token_cost": 0.00000375,
            "cache_creation_input_token_cost_above_1hr": 0.000006, "cache_creation_input_token_cost_above_1hr_above_200k_tokens": 0.000012,
            "cache_read_input_token_cost_above_200k_tokens": 6e-7, "cache_creation_input_token_cost_above_200k_tokens": 0.0000075 } }
        """);
        var standard = Find(import, "anthropic/claude-sonnet-4-5").Tiers["standard"];
        Assert.Equal(new TokenRates { Input = 3m, Output = 15m, CacheRead = 0.3m, CacheWrite = 3.75m, CacheWrite1h = 6m }, standard.Rates);
        Assert.Equal(new TokenRates { Input = 6m, Output = 22.5m, CacheRead = 0.6m, CacheWrite = 7.5m, CacheWrite1h = 12m },
            Assert.Single(standard.LongContext).Rates);
    }

    [Fact]
    public void The_priority_tier_gets_its_own_long_context_rates()
    {
        var import = Parse("""
        { "long-priority-model": { "litellm_provider": "openai", "mode": "chat",
            "input_cost_per_token": 2.5e-06, "output_cost_per_token": 1.5e-05,
            "input_cost_per_token_above_272k_tokens": 5e-06, "output_cost_per_token_above_272k_tokens": 2.25e-05,
            "input_cost_per_token_priority": 5e-06, "output_cost_per_token_priority": 3e-05,
            "input_cost_per_token_above_272k_tokens_priority": 1e-05, "output_cost_per_token_above_272k_tokens_priority": 4.5e-05 } }
        """);
        var tiers = Find(import, "openai/long-priority-model").Tiers;
        Assert.Equal(new LongContextRates(272_000, new TokenRates { Input = 5m, Output = 22.5m }), Assert.Single(tiers["standard"].LongContext));
        Assert.Equal(new LongContextRates(272_000, new TokenRates { Input = 10m, Output = 45m }), Assert.Single(tiers["priority"].LongContext));
    }

    [Fact]
    public void Entries_carry_the_date_and_source_the_caller_gives()
    {
        var price = Find(Parse(), "openai/gpt-4o");
        Assert.Equal(Nov1, price.EffectiveFrom);
        Assert.Equal(Nov1, price.CheckedOn);
        Assert.Equal("LiteLLM model_prices_and_context_window.json (checked 2025-11-01)", price.Source);
    }

    [Fact]
    public void Sample_spec_embeddings_images_and_unpriced_chats_are_skipped_with_reasons()
    {
        var import = Parse();
        Assert.Equal(5, import.Prices.Count);
        var skipped = import.Skipped.ToDictionary(s => s.Key, s => s.Reason);
        Assert.Equal(["sample_spec", "text-embedding-3-small", "dall-e-3", "free-chat"], skipped.Keys);
        Assert.Contains("embedding", skipped["text-embedding-3-small"]);
        Assert.Contains("image_generation", skipped["dall-e-3"]);
        Assert.Contains("no input and output price", skipped["free-chat"]);
    }

    [Fact]
    public void A_second_entry_for_the_same_model_is_skipped_not_merged()
    {
        var import = Parse("""
        {
          "gemini-2.5-flash": { "litellm_provider": "vertex_ai-language-models", "mode": "chat", "input_cost_per_token": 3e-07, "output_cost_per_token": 2.5e-06 },
          "gemini/gemini-2.5-flash": { "litellm_provider": "gemini", "mode": "chat", "input_cost_per_token": 3e-07, "output_cost_per_token": 2.4e-06 }
        }
        """);
        Assert.Equal(2.5m, Find(import, "google/gemini-2.5-flash").Tiers["standard"].Rates.Output);
        Assert.Contains("other prices", Assert.Single(import.Skipped).Reason);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    public void A_file_that_is_not_a_LiteLLM_price_object_is_refused(string text)
    {
        var thrown = Record.Exception(() => LiteLlmCatalogue.Parse(text, Nov1));
        Assert.True(thrown is JsonException or InvalidDataException, thrown?.GetType().Name);
    }

    [Fact]
    public void A_price_that_is_not_a_number_skips_the_entry()
    {
        var import = Parse("""{ "x": { "litellm_provider": "openai", "mode": "chat", "input_cost_per_token": "cheap", "output_cost_per_token": 1e-06 } }""");
        Assert.Empty(import.Prices);
        Assert.Contains("input_cost_per_token", Assert.Single(import.Skipped).Reason);
    }

    [Fact]
    public void The_plan_tells_new_unchanged_changed_and_conflicting_prices_apart()
    {
        var import = Parse();
        var gpt4o = Find(import, "openai/gpt-4o");
        var sonnet = Find(import, "anthropic/claude-sonnet-4-20250514");
        var gemini = Find(import, "google/gemini-2.5-pro");

        var histories = new[]
        {
            // Same figures, set earlier: still in force → unchanged.
            History(gpt4o with { EffectiveFrom = new DateOnly(2025, 1, 1), Source = "https://openai.com/api/pricing" }),
            // Other figures in force since earlier → a new version from the import date.
            History(sonnet with { EffectiveFrom = new DateOnly(2025, 5, 22), Tiers = Standard(3.5m, 15m) }),
            // Other figures from the same date → conflict.
            History(gemini with { Tiers = Standard(1m, 9m) }),
        }.ToDictionary(h => h.Id);

        var plan = ImportPlan.Make(import, Nov1, histories);

        Assert.Equal(ImportOutcome.Unchanged, Outcome(plan, "openai", "gpt-4o"));
        var changed = Assert.Single(plan.Lines, l => l.Outcome == ImportOutcome.Changed);
        Assert.Equal(("anthropic", "claude-sonnet-4-20250514"), (changed.Provider, changed.Model));
        Assert.Equal(3.5m, changed.Current!.Tiers["standard"].Rates.Input);
        Assert.Equal(3m, changed.Imported.Tiers["standard"].Rates.Input);
        var conflict = Assert.Single(plan.Lines, l => l.Outcome == ImportOutcome.Conflict);
        Assert.Equal("gemini-2.5-pro", conflict.Model);
        Assert.Contains("correct", conflict.Note);
        Assert.Equal(2, plan.Count(ImportOutcome.New));
        Assert.DoesNotContain(plan.ToApply, l => l.Outcome == ImportOutcome.Conflict);
        Assert.Equal(3, plan.ToApply.Count());
    }

    [Fact]
    public void A_name_the_catalogue_aliases_says_whose_price_applies()
    {
        var import = Parse("""{ "anthropic.claude-sonnet-4-20250514-v1:0": { "litellm_provider": "bedrock", "mode": "chat", "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05 } }""");
        var plan = ImportPlan.Make(import, Nov1, new Dictionary<string, ModelPriceHistory>(),
            [new ModelAlias("bedrock", "anthropic.claude-sonnet-4-20250514-v1:0", "anthropic", "claude-sonnet-4")]);
        var line = Assert.Single(plan.Lines);
        Assert.Equal(ImportOutcome.New, line.Outcome);
        Assert.Contains("alias of anthropic/claude-sonnet-4", line.Note);
    }

    [Fact]
    public void A_model_priced_only_from_a_later_date_gets_a_new_earlier_version()
    {
        var gpt4o = Find(Parse(), "openai/gpt-4o");
        var line = ImportPlan.Line(gpt4o, History(gpt4o with { EffectiveFrom = new DateOnly(2026, 1, 1) }));
        Assert.Equal(ImportOutcome.New, line.Outcome);
    }

    [Fact]
    public void A_generated_file_of_hundreds_of_models_imports_exactly_and_again_changes_nothing()
    {
        var json = Generated(400);
        var import = LiteLlmCatalogue.Parse(json, Nov1);
        Assert.Equal(300, import.Prices.Count);
        Assert.Equal(100 + 1, import.Skipped.Count);
        foreach (var price in import.Prices)
        {
            var i = int.Parse(price.Model.Split('-')[^1], CultureInfo.InvariantCulture);
            var rates = price.Tiers["standard"].Rates;
            Assert.Equal(i * 0.01m + 0.07m, rates.Input);
            Assert.Equal((i * 0.01m + 0.07m) * 4, rates.Output);
            Assert.Equal(i * 0.001m, rates.CacheRead);
        }

        var first = ImportPlan.Make(import, Nov1, new Dictionary<string, ModelPriceHistory>());
        Assert.Equal(300, first.Count(ImportOutcome.New));

        var histories = Applied(first, new Dictionary<string, ModelPriceHistory>());
        var again = ImportPlan.Make(LiteLlmCatalogue.Parse(json, Nov1), Nov1, histories);
        Assert.All(again.Lines, l => Assert.Equal(ImportOutcome.Unchanged, l.Outcome));
        Assert.Empty(again.ToApply);

        // A later file with one price changed: one new version, everything else unchanged.
        var later = LiteLlmCatalogue.Parse(json.Replace("\"model-8\": { \"litellm_provider\": \"openai\", \"mode\": \"chat\", \"input_cost_per_token\": 1.5e-07",
            "\"model-8\": { \"litellm_provider\": \"openai\", \"mode\": \"chat\", \"input_cost_per_token\": 2e-07", StringComparison.Ordinal), new DateOnly(2025, 12, 1));
        var third = ImportPlan.Make(later, new DateOnly(2025, 12, 1), histories);
        Assert.Equal("model-8", Assert.Single(third.ToApply).Model);
        Assert.Equal(ImportOutcome.Changed, Assert.Single(third.ToApply).Outcome);
        Assert.Equal(299, third.Count(ImportOutcome.Unchanged));
    }

    /// <summary>A file in LiteLLM's format: three chat models out of four (every fourth an embedding), per-token
    /// prices written the way LiteLLM writes them (exponent notation).</summary>
    private static string Generated(int count)
    {
        var json = new StringBuilder("{\n  \"sample_spec\": { \"litellm_provider\": \"x\", \"mode\": \"chat\" }");
        for (var i = 0; i < count; i++)
        {
            var mode = i % 4 == 3 ? "embedding" : "chat";
            var input = (i + 7) * 1e-8m;   // (i × 0.01 + 0.07) per million
            var read = i * 1e-9m;          // i × 0.001 per million
            json.Append(CultureInfo.InvariantCulture,
                $",\n  \"model-{i}\": {{ \"litellm_provider\": \"openai\", \"mode\": \"{mode}\", \"input_cost_per_token\": {Exp(input)}, \"output_cost_per_token\": {Exp(input * 4)}, \"cache_read_input_token_cost\": {Exp(read)} }}");
        }
        return json.Append("\n}").ToString();
    }

    private static string Exp(decimal value) => ((double)value).ToString("0.###############e-00", CultureInfo.InvariantCulture);

    private static Dictionary<string, ModelPriceHistory> Applied(ImportPlan plan, Dictionary<string, ModelPriceHistory> histories)
    {
        foreach (var line in plan.ToApply)
        {
            var set = new PriceSet(line.Imported, "test", DateTimeOffset.UnixEpoch);
            var key = ModelPriceHistory.StreamKey(line.Provider, line.Model);
            histories[key] = histories.TryGetValue(key, out var h) ? h.Apply(set) : ModelPriceHistory.Create(set);
        }
        return histories;
    }

    private static ModelPriceHistory History(CataloguePrice price) => ModelPriceHistory.Create(new PriceSet(price, "test", DateTimeOffset.UnixEpoch));

    private static Dictionary<string, TierPrice> Standard(decimal input, decimal output) =>
        new() { ["standard"] = new TierPrice { Rates = new TokenRates { Input = input, Output = output } } };

    private static ImportOutcome Outcome(ImportPlan plan, string provider, string model) =>
        Assert.Single(plan.Lines, l => l.Provider == provider && l.Model == model).Outcome;
}
