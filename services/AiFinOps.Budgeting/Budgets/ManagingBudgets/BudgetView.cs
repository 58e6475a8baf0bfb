namespace AiFinOps.Budgeting.Budgets.ManagingBudgets;

/// <summary>A budget as the REST API shows it.</summary>
public sealed record BudgetView(
    string Id,
    string Name,
    string Scope,
    string Period,
    decimal AmountUsd,
    IReadOnlyList<int> Thresholds,
    string Owner,
    IReadOnlyList<string> Recipients,
    string FirstPeriod,
    DateTimeOffset DefinedAt,
    DateTimeOffset UpdatedAt,
    bool Archived)
{
    public static BudgetView Of(Budget b) => new(b.Id, b.Terms.Name, b.Terms.Scope.ToString(), b.Terms.Period, b.Terms.AmountUsd,
        b.Terms.Thresholds, b.Terms.Owner, b.Terms.Recipients, b.FirstPeriod, b.DefinedAt, b.UpdatedAt, b.Archived);
}
