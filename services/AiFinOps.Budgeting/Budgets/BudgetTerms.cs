namespace AiFinOps.Budgeting.Budgets;

/// <summary>What a budget says: where it applies, over which period, how much, when to warn and whom.</summary>
public sealed record BudgetTerms(
    string Name,
    BudgetScope Scope,
    string Period,
    decimal AmountUsd,
    IReadOnlyList<int> Thresholds,
    string Owner,
    IReadOnlyList<string> Recipients)
{
    /// <summary>80 % and 100 %, unless the budget says otherwise.</summary>
    public static readonly IReadOnlyList<int> DefaultThresholds = [80, 100];

    /// <summary>The spend at which a threshold is crossed.</summary>
    public decimal SpendAt(int thresholdPercent) => AmountUsd * thresholdPercent / 100m;
}
