namespace AiFinOps.Allocation.Spend.GettingSpend;

/// <summary>
/// Spend of one group. Costs are exact decimal USD sums over priced usage; <see cref="BilledCostUsd"/> takes what the
/// provider billed where the app reported it and the effective cost elsewhere; unpriced usage is counted apart.
/// </summary>
public sealed record SpendLine(
    decimal ListCostUsd,
    decimal EffectiveCostUsd,
    decimal BilledCostUsd,
    long Events,
    long UnpricedEvents,
    long InputTokens,
    long OutputTokens,
    long CacheReadTokens,
    long CacheWriteTokens,
    long ReasoningTokens)
{
    public static readonly SpendLine Zero = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public SpendLine Add(SpendLine other) => new(
        ListCostUsd + other.ListCostUsd, EffectiveCostUsd + other.EffectiveCostUsd, BilledCostUsd + other.BilledCostUsd,
        Events + other.Events, UnpricedEvents + other.UnpricedEvents, InputTokens + other.InputTokens,
        OutputTokens + other.OutputTokens, CacheReadTokens + other.CacheReadTokens,
        CacheWriteTokens + other.CacheWriteTokens, ReasoningTokens + other.ReasoningTokens);
}
