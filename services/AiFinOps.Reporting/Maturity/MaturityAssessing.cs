using System.Globalization;
using AiFinOps.Contracts.Messages;
using AiFinOps.Reporting.Budgets;

namespace AiFinOps.Reporting.Maturity;

/// <summary>Pure: the maturity assessment from its evidence.</summary>
public static class MaturityAssessing
{
    public const string None = "none";
    public const string Inform = "Inform";
    public const string Optimise = "Optimise";
    public const string Operate = "Operate";

    public static readonly IReadOnlyList<string> Levels = [Inform, Optimise, Operate];

    private const int NamesShown = 5;

    public static MaturityAssessment Assess(MaturityInputs e)
    {
        var teams = e.SpendingTeams.Where(Tagged).ToList();
        var budgeted = e.Budgets.Select(b => BudgetScopes.TeamOf(b.Scope)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var teamsWithout = teams.Where(t => !budgeted.Contains(t)).ToList();
        var workflows = e.SpendingWorkflows.Where(Tagged).ToList();
        var estimated = e.Registry.Where(w => w.EstimatedMonthlyCostUsd is not null).Select(w => w.Name).ToHashSet(StringComparer.Ordinal);
        var workflowsWithout = workflows.Where(w => !estimated.Contains(w)).ToList();
        var launched = e.NewWorkflows.Where(Tagged).ToList();
        var launchedWithout = launched.Where(w => !estimated.Contains(w)).ToList();
        var coverage = e.TagCoverageSpendPercent ?? 0;
        var teamShare = teams.Count == 0 ? 100m : Math.Round((teams.Count - teamsWithout.Count) * 100m / teams.Count, 2);
        var workflowShare = workflows.Count == 0 ? 100m : Math.Round((workflows.Count - workflowsWithout.Count) * 100m / workflows.Count, 2);

        var criteria = new List<(MaturityCriterion Criterion, string Step)>
        {
            (new(Inform, "At least 80 % of spend tagged with team, workflow and environment", $"{Pct(coverage)} of spend", coverage >= 80),
                $"Raise tag coverage of spend from {Pct(coverage)} to 80 %: set team, workflow and environment on every call (GET /api/v1/data-quality names the API keys sending untagged usage)"),
            (new(Inform, "At least half the teams that spend have a budget", $"{teams.Count - teamsWithout.Count} of {teams.Count} teams", teamShare >= 50),
                $"Define budgets for the teams that spend without one: {Names(teamsWithout)}"),
            (new(Optimise, "The last quarterly review recorded its decisions", $"{e.DecisionsInLastReview} decisions", e.DecisionsInLastReview > 0),
                "Hold the quarterly review over this pack and record its decisions (POST /api/v1/reports/reviews/{quarter}/decisions)"),
            (new(Optimise, "At least 80 % of spending workflows have a cost estimate", $"{workflows.Count - workflowsWithout.Count} of {workflows.Count} workflows", workflowShare >= 80),
                $"Register a monthly cost estimate for: {Names(workflowsWithout)}"),
            (new(Optimise, "Review decisions realised a saving", e.RealisedSavingsUsd is null ? "no monthly report yet" : $"${e.RealisedSavingsUsd.Value.ToString("N2", CultureInfo.InvariantCulture)} a month", e.RealisedSavingsUsd > 0),
                "Carry out a decided change (a cheaper model, caching, an output limit) and let the next monthly report show its realised saving"),
            (new(Operate, "At least 95 % of spend tagged", $"{Pct(coverage)} of spend", coverage >= 95),
                $"Raise tag coverage of spend from {Pct(coverage)} to 95 %: make team, workflow and environment required by tag policy"),
            (new(Operate, "Every team that spends has a budget", $"{teams.Count - teamsWithout.Count} of {teams.Count} teams", teamsWithout.Count == 0),
                $"Define budgets for: {Names(teamsWithout)}"),
            (new(Operate, "Every workflow launched this quarter had a cost estimate", $"{launched.Count - launchedWithout.Count} of {launched.Count} new workflows", launchedWithout.Count == 0),
                $"Register workflows with an estimate before launch: {Names(launchedWithout)}"),
        };

        var reached = Levels.TakeWhile(level => criteria.Where(c => c.Criterion.Level == level).All(c => c.Criterion.Met)).ToList();
        var level = reached.LastOrDefault() ?? None;
        var next = reached.Count == Levels.Count ? Operate : Levels[reached.Count];
        var steps = criteria.Where(c => c.Criterion.Level == next && !c.Criterion.Met).Select(c => c.Step).ToList();
        if (steps.Count == 0) steps = ["Keep every criterion met: review quarterly, launch workflows with estimates, keep tags and budgets complete"];
        return new MaturityAssessment(level, next, criteria.Select(c => c.Criterion).ToList(), steps);
    }

    private static bool Tagged(string name) => name.Length > 0 && name != UsageDimensions.Untagged;

    private static string Pct(decimal percent) => percent.ToString("0.##", CultureInfo.InvariantCulture) + " %";

    private static string Names(IReadOnlyList<string> names) =>
        string.Join(", ", names.Order(StringComparer.Ordinal).Take(NamesShown)) + (names.Count > NamesShown ? $" and {names.Count - NamesShown} more" : "");
}
