namespace AiFinOps.Ingest.Catalogue;

/// <summary>The prices of one service tier, with the higher rates that apply to long prompts.</summary>
public sealed record TierPrice
{
    public required TokenRates Rates { get; init; }

    /// <summary>Rates that replace <see cref="Rates"/> for a whole call when its input tokens exceed a threshold
    /// (e.g. Gemini 2.5 Pro above 200k). The highest threshold exceeded wins.</summary>
    public IReadOnlyList<LongContextRates> LongContext { get; init; } = [];

    public TokenRates RatesFor(long inputTokens) =>
        LongContext.Where(l => inputTokens > l.AboveInputTokens).MaxBy(l => l.AboveInputTokens)?.Rates ?? Rates;
}

public sealed record LongContextRates(long AboveInputTokens, TokenRates Rates);
