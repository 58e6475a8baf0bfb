using AiFinOps.Allocation.SharedCosts;

namespace AiFinOps.Allocation.Chargeback;

/// <summary>
/// What a chargeback line sums: decimal USD costs (list, effective after discounts, billed as the provider reported it
/// or else effective), calls, calls without a price, and tokens by kind. Exact; never rounded.
/// </summary>
public sealed record ChargeAmounts(
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
    public static ChargeAmounts Zero { get; } = new(0m, 0m, 0m, 0, 0, 0, 0, 0, 0, 0);

    public ChargeAmounts Add(ChargeAmounts o) => new(
        ListCostUsd + o.ListCostUsd, EffectiveCostUsd + o.EffectiveCostUsd, BilledCostUsd + o.BilledCostUsd,
        Events + o.Events, UnpricedEvents + o.UnpricedEvents, InputTokens + o.InputTokens, OutputTokens + o.OutputTokens,
        CacheReadTokens + o.CacheReadTokens, CacheWriteTokens + o.CacheWriteTokens, ReasoningTokens + o.ReasoningTokens);

    /// <summary>Every figure split by the same weights with <see cref="CostSplit"/>: each sums exactly to this one's.</summary>
    public IReadOnlyList<ChargeAmounts> Split(IReadOnlyList<decimal> weights)
    {
        var list = CostSplit.Split(ListCostUsd, weights);
        var effective = CostSplit.Split(EffectiveCostUsd, weights);
        var billed = CostSplit.Split(BilledCostUsd, weights);
        var events = CostSplit.Split(Events, weights);
        var unpriced = CostSplit.Split(UnpricedEvents, weights);
        var input = CostSplit.Split(InputTokens, weights);
        var output = CostSplit.Split(OutputTokens, weights);
        var cacheRead = CostSplit.Split(CacheReadTokens, weights);
        var cacheWrite = CostSplit.Split(CacheWriteTokens, weights);
        var reasoning = CostSplit.Split(ReasoningTokens, weights);
        return [.. Enumerable.Range(0, weights.Count).Select(i => new ChargeAmounts(list[i], effective[i], billed[i], events[i],
            unpriced[i], input[i], output[i], cacheRead[i], cacheWrite[i], reasoning[i]))];
    }
}
