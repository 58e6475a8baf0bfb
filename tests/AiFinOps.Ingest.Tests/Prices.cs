using AiFinOps.Ingest.Catalogue;

namespace AiFinOps.Ingest.Tests;

/// <summary>Catalogue entries written out in the tests, with the figures of the providers' pricing pages.</summary>
internal static class Prices
{
    public static TokenRates Rates(decimal input, decimal output, decimal? cacheRead = null, decimal? cacheWrite = null,
        decimal? cacheWrite1h = null, decimal? reasoning = null) =>
        new() { Input = input, Output = output, CacheRead = cacheRead, CacheWrite = cacheWrite, CacheWrite1h = cacheWrite1h, Reasoning = reasoning };

    public static CataloguePrice Price(string provider, string model, DateOnly from, params (string Tier, TierPrice Price)[] tiers) => new()
    {
        Provider = provider,
        Model = model,
        EffectiveFrom = from,
        Tiers = tiers.ToDictionary(t => t.Tier, t => t.Price),
        Source = "https://example.test/pricing",
        CheckedOn = from,
    };

    /// <summary>anthropic.com/pricing: Sonnet 4 $3 in, $15 out, $0.30 cache hits, $3.75 5-minute and $6 1-hour writes;
    /// batch half of each.</summary>
    public static readonly CataloguePrice ClaudeSonnet4 = Price("anthropic", "claude-sonnet-4", new DateOnly(2025, 5, 22),
        ("standard", new TierPrice { Rates = Rates(3.00m, 15.00m, 0.30m, 3.75m, 6.00m) }),
        ("batch", new TierPrice { Rates = Rates(1.50m, 7.50m, 0.15m, 1.875m, 3.00m) }));

    /// <summary>ai.google.dev pricing: Gemini 2.5 Pro $1.25/$10 up to 200k prompt tokens, $2.50/$15 above;
    /// cached input $0.31 / $0.625.</summary>
    public static readonly CataloguePrice Gemini25Pro = Price("google", "gemini-2.5-pro", new DateOnly(2025, 6, 17),
        ("standard", new TierPrice
        {
            Rates = Rates(1.25m, 10.00m, 0.31m),
            LongContext = [new LongContextRates(200_000, Rates(2.50m, 15.00m, 0.625m))],
        }));

    /// <summary>openai.com/api/pricing: GPT-4o $2.50 in, $1.25 cached, $10 out; batch $1.25/$5; priority $4.25 in,
    /// $2.125 cached, $17 out.</summary>
    public static readonly CataloguePrice Gpt4o = Price("openai", "gpt-4o", new DateOnly(2024, 8, 6),
        ("standard", new TierPrice { Rates = Rates(2.50m, 10.00m, 1.25m) }),
        ("batch", new TierPrice { Rates = Rates(1.25m, 5.00m) }),
        ("priority", new TierPrice { Rates = Rates(4.25m, 17.00m, 2.125m) }));

    public static PriceBook Book(params CataloguePrice[] prices) => new(prices, []);
}
