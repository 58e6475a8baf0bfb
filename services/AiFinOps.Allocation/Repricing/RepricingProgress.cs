using AiFinOps.Allocation.Ledger;

namespace AiFinOps.Allocation.Repricing;

/// <summary>How far a re-pricing run got: pages done, calls examined, lines booked and the cost they moved.</summary>
public sealed record RepricingProgress(int Pages, long Calls, long Lines, decimal ListCostUsd, decimal EffectiveCostUsd, decimal BilledCostUsd)
{
    public static RepricingProgress None { get; } = new(0, 0, 0, 0, 0, 0);

    public static RepricingProgress Of(int calls, IReadOnlyList<LedgerLine> lines) => new(1, calls, lines.Count,
        lines.Sum(l => l.ListCostUsd), lines.Sum(l => l.EffectiveCostUsd), lines.Sum(l => l.BilledCostUsd));

    public RepricingProgress Add(RepricingProgress o) => new(Pages + o.Pages, Calls + o.Calls, Lines + o.Lines,
        ListCostUsd + o.ListCostUsd, EffectiveCostUsd + o.EffectiveCostUsd, BilledCostUsd + o.BilledCostUsd);
}
