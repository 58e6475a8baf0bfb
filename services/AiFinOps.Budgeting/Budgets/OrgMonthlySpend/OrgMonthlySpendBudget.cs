namespace AiFinOps.Budgeting.Budgets.OrgMonthlySpend;

/// <summary>
/// The org-wide monthly spend alert ("add automated alerting when your monthly spend exceeds $500") as a system budget:
/// scope org, monthly, one threshold at 100 % of <c>Budgeting:OrgMonthlyAlertUsd</c>. Configuration owns it: the REST API
/// does not define, amend or archive it.
/// </summary>
public static class OrgMonthlySpendBudget
{
    public const string Id = "org-monthly-spend";
    public const string Name = "Org-wide monthly AI spend";
    public const string ChangedBy = "configuration (Budgeting:OrgMonthlyAlertUsd)";

    public static bool Is(string budgetId) => budgetId == Id;

    public static BudgetDraft Draft(decimal amountUsd) =>
        new(Name, BudgetScope.Org, BudgetPeriods.Monthly, amountUsd, [100], "finance", []);

    /// <summary>
    /// What brings the stored budget in line with the configured amount (null: off): define it, amend it, archive it,
    /// reinstate it, or nothing (null) when it already is. Running it again after the command applied yields nothing, which
    /// is what makes startup idempotent across restarts and replicas.
    /// </summary>
    public static object? Plan(Budget? state, decimal? amountUsd, DateTimeOffset now)
    {
        if (amountUsd is not { } amount)
            return state is { Archived: false } ? new ArchiveBudget(now, ChangedBy) : null;
        var draft = Draft(amount);
        if (state is null) return new DefineBudget(Id, draft, now, ChangedBy);
        if (state.Archived) return new ReinstateBudget(draft, now, ChangedBy);
        return Budget.SameTerms(draft.Validate().Terms!, state.Terms) ? null : new AmendBudget(draft, now, ChangedBy);
    }
}
