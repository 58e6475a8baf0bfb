using AiFinOps.Allocation.Ledger;

namespace AiFinOps.Allocation.Focus;

/// <summary>
/// A kind of token billed at its own price: one FOCUS SKU per model, service tier and kind. Input tokens count cache
/// reads and writes and output tokens count reasoning (the usage contract), so the uncached input and the plain output
/// are what remains after taking those out. Reasoning is always its own SKU: apps report reasoning tokens apart, and
/// the ledger prices them at the reasoning rate, or at the output rate where the provider bills them as output.
/// </summary>
public sealed record TokenSku(string Key, string Meter, Func<RollupSums, long> Tokens, Func<CostByTokenType, decimal> ListCost)
{
    public static readonly IReadOnlyList<TokenSku> All =
    [
        new("input", "Input Tokens", s => s.InputTokens - s.CacheReadTokens - s.CacheWriteTokens, c => c.UncachedInput),
        new("cache-read", "Cache Read Input Tokens", s => s.CacheReadTokens, c => c.CacheRead),
        new("cache-write", "Cache Write Input Tokens", s => s.CacheWriteTokens, c => c.CacheWrite),
        new("output", "Output Tokens", s => s.OutputTokens - s.ReasoningTokens, c => c.Output),
        new("reasoning", "Reasoning Output Tokens", s => s.ReasoningTokens, c => c.Reasoning),
    ];
}
