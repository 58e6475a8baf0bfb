namespace AiFinOps.Ingest.Pricing;

/// <summary>
/// A deliberately small table of public list prices (USD per million tokens) until the versioned, event-sourced
/// catalogue lands. Models not listed are flagged unpriced, never given a made-up cost.
/// </summary>
public static class StarterPriceTable
{
    private const string OpenAi = "https://openai.com/api/pricing (checked 2025-11-01)";
    private const string Anthropic = "https://www.anthropic.com/pricing#api (checked 2025-11-01)";
    private const string Google = "https://ai.google.dev/gemini-api/docs/pricing (checked 2025-11-01)";

    public static readonly IReadOnlyList<ModelPrice> Prices =
    [
        new("openai", "gpt-4o", new DateOnly(2024, 10, 1), 2.50m, 10.00m, CacheReadPerMillion: 1.25m, Source: OpenAi),
        new("openai", "gpt-4o-mini", new DateOnly(2024, 7, 18), 0.15m, 0.60m, CacheReadPerMillion: 0.075m, Source: OpenAi),
        new("openai", "gpt-4.1", new DateOnly(2025, 4, 14), 2.00m, 8.00m, CacheReadPerMillion: 0.50m, Source: OpenAi),
        new("openai", "o3-mini", new DateOnly(2025, 1, 31), 1.10m, 4.40m, CacheReadPerMillion: 0.55m, Source: OpenAi),
        new("anthropic", "claude-sonnet-4", new DateOnly(2025, 5, 22), 3.00m, 15.00m, CacheReadPerMillion: 0.30m, CacheWritePerMillion: 3.75m, Source: Anthropic),
        new("anthropic", "claude-3-5-haiku", new DateOnly(2024, 10, 22), 0.80m, 4.00m, CacheReadPerMillion: 0.08m, CacheWritePerMillion: 1.00m, Source: Anthropic),
        new("google", "gemini-2.5-flash", new DateOnly(2025, 6, 17), 0.30m, 2.50m, CacheReadPerMillion: 0.075m, Source: Google),
    ];
}
