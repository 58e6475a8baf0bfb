namespace AiFinOps.Contracts.Messages;

/// <summary>
/// A budget's spend in one period reached one of its thresholds. Budgeting publishes one per threshold per budget per
/// period, at least once; <see cref="AlertId"/> (also the message id) is the same on every send of the same alert, so
/// subscribers deduplicate on it. Amounts are decimal USD of effective cost (catalogue price after discounts).
/// </summary>
public sealed record BudgetThresholdCrossed
{
    public required Guid AlertId { get; init; }
    public required string BudgetId { get; init; }
    public required string BudgetName { get; init; }
    /// <summary>What the budget counts: <c>org</c>, <c>team:search</c>, <c>cost-centre:CC-1</c>, <c>tag:product=chat</c>, …</summary>
    public required string Scope { get; init; }
    /// <summary>The calendar period (UTC): <c>2026-11</c> for a monthly budget, <c>2026-Q4</c> for a quarterly one.</summary>
    public required string Period { get; init; }
    public required DateTimeOffset PeriodStart { get; init; }
    public required DateTimeOffset PeriodEnd { get; init; }
    /// <summary>The threshold crossed, in percent of the budget (80, 100, …).</summary>
    public required int ThresholdPercent { get; init; }
    public required decimal SpentUsd { get; init; }
    public required decimal BudgetUsd { get; init; }
    /// <summary>Spent as a percentage of the budget when the threshold was crossed, rounded to 2 decimals.</summary>
    public required decimal PercentUsed { get; init; }
    public required DateTimeOffset CrossedAt { get; init; }
    /// <summary>What made it cross: <c>spend</c>, <c>amendment</c> (a lower amount or a new threshold) or <c>definition</c>.</summary>
    public required string Cause { get; init; }
    public required string Owner { get; init; }
    /// <summary>E-mail addresses and <c>webhook:NAME</c>s the budget names.</summary>
    public IReadOnlyList<string> Recipients { get; init; } = [];
}
