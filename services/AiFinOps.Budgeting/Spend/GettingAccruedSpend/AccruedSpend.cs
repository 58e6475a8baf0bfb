namespace AiFinOps.Budgeting.Spend.GettingAccruedSpend;

/// <summary>
/// Spend accrued in one calendar month, per team. Unpriced calls count as events but add no cost; re-pricing moves
/// the costs (a call priced later costs its price here) but not the counts: unpriced events are the calls that arrived unpriced.
/// </summary>
public sealed record AccruedSpend(string Period, IReadOnlyList<TeamAccruedSpend> Teams);

public sealed record TeamAccruedSpend(string Team, decimal ListCostUsd, decimal EffectiveCostUsd, long Events, long UnpricedEvents);
