namespace AiFinOps.Budgeting.Budgets;

/// <summary>A budget was defined: from <see cref="FirstPeriod"/> on, spend in its scope counts against it.</summary>
public sealed record BudgetDefined(string BudgetId, BudgetTerms Terms, string FirstPeriod, DateTimeOffset DefinedAt, string DefinedBy);

/// <summary>A budget's amount, thresholds, name, owner or recipients changed (scope and period never do).</summary>
public sealed record BudgetAmended(string BudgetId, BudgetTerms Terms, DateTimeOffset AmendedAt, string AmendedBy);

/// <summary>A budget was archived: it stops raising alerts; its history stays.</summary>
public sealed record BudgetArchived(string BudgetId, DateTimeOffset ArchivedAt, string ArchivedBy);

/// <summary>
/// An archived budget counts again, with these terms, from <see cref="FirstPeriod"/> on (its spend there recomputed from
/// the usage accrued). Today only the org-wide monthly alert is reinstated, when its configuration turns it back on.
/// </summary>
public sealed record BudgetReinstated(string BudgetId, BudgetTerms Terms, string FirstPeriod, DateTimeOffset ReinstatedAt, string ReinstatedBy);

/// <summary>A budget as its stream (keyed by the budget id) tells it (also stored as a document: the inline snapshot).</summary>
public sealed partial record Budget(
    string Id,
    BudgetTerms Terms,
    string FirstPeriod,
    DateTimeOffset DefinedAt,
    DateTimeOffset UpdatedAt,
    bool Archived)
{
    /// <summary>A budget's stream key is its id (ids never hold a colon, the alert streams' separator).</summary>
    public static string StreamKey(string budgetId) => budgetId;

    public static Budget Create(BudgetDefined e) => new(e.BudgetId, e.Terms, e.FirstPeriod, e.DefinedAt, e.DefinedAt, false);

    public Budget Apply(BudgetAmended e) => this with { Terms = e.Terms, UpdatedAt = e.AmendedAt };

    public Budget Apply(BudgetArchived e) => this with { Archived = true, UpdatedAt = e.ArchivedAt };

    public Budget Apply(BudgetReinstated e) => this with { Terms = e.Terms, FirstPeriod = e.FirstPeriod, Archived = false, UpdatedAt = e.ReinstatedAt };
}
