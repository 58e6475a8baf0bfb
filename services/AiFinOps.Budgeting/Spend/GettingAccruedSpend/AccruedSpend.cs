namespace AiFinOps.Budgeting.Spend.GettingAccruedSpend;

/// <summary>Spend accrued in one calendar month, per team. Unpriced calls count as events but add no cost.</summary>
public sealed record AccruedSpend(string Period, IReadOnlyList<TeamAccruedSpend> Teams);

public sealed record TeamAccruedSpend(string Team, decimal ListCostUsd, decimal EffectiveCostUsd, long Events, long UnpricedEvents);
