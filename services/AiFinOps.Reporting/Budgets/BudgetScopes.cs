namespace AiFinOps.Reporting.Budgets;

/// <summary>Reads budgeting's scope notation (<c>team:search</c>, <c>org</c>, …) as the budgets API writes it.</summary>
public static class BudgetScopes
{
    /// <summary>The team of a <c>team:NAME</c> scope, else null.</summary>
    public static string? TeamOf(string scope) => scope.StartsWith("team:", StringComparison.Ordinal) ? scope["team:".Length..] : null;
}
