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

    /// <summary>A retried run's progress: its pages and calls, and the lines and cost of every attempt (a retry meets
    /// the pages earlier attempts booked, and counts only their calls).</summary>
    public RepricingProgress WithBookedBefore(RepricingProgress earlier) => this with
    {
        Lines = Lines + earlier.Lines,
        ListCostUsd = ListCostUsd + earlier.ListCostUsd,
        EffectiveCostUsd = EffectiveCostUsd + earlier.EffectiveCostUsd,
        BilledCostUsd = BilledCostUsd + earlier.BilledCostUsd,
    };
}
