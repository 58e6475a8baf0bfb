namespace AiFinOps.Cli.Emitting;

/// <summary>What one team's accepted events add up to: compare with <c>aifinops spend --group-by team</c>.</summary>
public sealed record TeamTotals(
    string Team,
    long Events,
    long InputTokens,
    long OutputTokens,
    long CacheReadTokens,
    long CacheWriteTokens,
    long ReasoningTokens);
