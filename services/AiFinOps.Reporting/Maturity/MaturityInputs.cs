using AiFinOps.Reporting.Sources;

namespace AiFinOps.Reporting.Maturity;

/// <summary>
/// The evidence a maturity assessment is computed from: tag coverage of the quarter's spend, the teams and workflows
/// that spent, the budgets and the workflow registry, the workflows that first spent this quarter, how many decisions the
/// previous quarter's review recorded, and the realised savings the latest monthly report showed (null: none generated).
/// </summary>
public sealed record MaturityInputs(
    decimal? TagCoverageSpendPercent,
    IReadOnlyList<string> SpendingTeams,
    IReadOnlyList<string> SpendingWorkflows,
    IReadOnlyList<string> NewWorkflows,
    IReadOnlyList<BudgetFigures> Budgets,
    IReadOnlyList<RegisteredWorkflow> Registry,
    int DecisionsInLastReview,
    decimal? RealisedSavingsUsd);
