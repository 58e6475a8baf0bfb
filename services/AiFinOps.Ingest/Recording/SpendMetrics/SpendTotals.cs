namespace AiFinOps.Ingest.Recording.SpendMetrics;

/// <summary>What one batch accepted for one attribute set. Token kinds are disjoint (their sum is every token):
/// <see cref="UncachedInputTokens"/> excludes cache reads and writes, <see cref="VisibleOutputTokens"/> excludes reasoning.</summary>
public readonly record struct SpendTotals(
    long Events,
    decimal EffectiveCostUsd,
    long UncachedInputTokens,
    long CacheReadTokens,
    long CacheWriteTokens,
    long VisibleOutputTokens,
    long ReasoningTokens)
{
    /// <summary>Adds one accepted call; an unpriced call counts as an event and its tokens, with no cost.</summary>
    public SpendTotals Add(ValidUsage usage, decimal? effectiveCostUsd) => new(
        Events + 1,
        EffectiveCostUsd + (effectiveCostUsd ?? 0m),
        UncachedInputTokens + usage.InputTokens - usage.CacheReadTokens - usage.CacheWriteTokens,
        CacheReadTokens + usage.CacheReadTokens,
        CacheWriteTokens + usage.CacheWriteTokens,
        VisibleOutputTokens + usage.OutputTokens - usage.ReasoningTokens,
        ReasoningTokens + usage.ReasoningTokens);

    /// <summary>Two attribute sets folded into one (<c>(other)</c>) report their sum.</summary>
    public SpendTotals Merge(SpendTotals other) => new(
        Events + other.Events,
        EffectiveCostUsd + other.EffectiveCostUsd,
        UncachedInputTokens + other.UncachedInputTokens,
        CacheReadTokens + other.CacheReadTokens,
        CacheWriteTokens + other.CacheWriteTokens,
        VisibleOutputTokens + other.VisibleOutputTokens,
        ReasoningTokens + other.ReasoningTokens);
}
