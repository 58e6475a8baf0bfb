using AiFinOps.Budgeting.Budgets;

namespace AiFinOps.Budgeting.Tests;

/// <summary>Budgets as the tests define them.</summary>
public static class Budgets
{
    public static readonly DateTimeOffset Now = new(2026, 11, 14, 9, 0, 0, TimeSpan.Zero);

    public static BudgetDraft Draft(string scope = "team:search", decimal? amount = 100m, IReadOnlyList<int>? thresholds = null,
        string period = "monthly", string[]? recipients = null) =>
        new("Search monthly", scope, period, amount, thresholds, "lead@example.com", recipients ?? ["finops@example.com", "webhook:ops-alerts"]);

    public static Budget Defined(string scope = "team:search", decimal amount = 100m, IReadOnlyList<int>? thresholds = null,
        string period = "monthly", DateTimeOffset? now = null)
    {
        var decision = Budget.Decide(null, new DefineBudget("b-" + Guid.NewGuid().ToString("N")[..8],
            Draft(scope, amount, thresholds, period), now ?? Now, "test"));
        return Budget.Create((BudgetDefined)decision.Events.Single());
    }
}
