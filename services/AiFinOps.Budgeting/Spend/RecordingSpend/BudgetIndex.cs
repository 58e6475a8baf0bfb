using AiFinOps.Budgeting.Budgets;

namespace AiFinOps.Budgeting.Spend.RecordingSpend;

/// <summary>
/// The active budgets by what their scope names, so a usage finds the budgets it counts against by a few dictionary
/// lookups instead of a test of every budget: with hundreds of budgets and tens of thousands of usages per
/// transaction, that test was most of accrual's CPU. Pure; built once per transaction.
/// </summary>
public sealed class BudgetIndex
{
    private readonly List<Budget> everyUsage = [];
    private readonly Dictionary<string, List<Budget>> byTeam = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Budget>> byWorkflow = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Budget>> byEnvironment = new(StringComparer.Ordinal);
    /// <summary>Tag budgets by tag key, then value (cost centres are the <c>cost_centre</c> tag).</summary>
    private readonly Dictionary<string, Dictionary<string, List<Budget>>> byTag = new(StringComparer.Ordinal);

    public BudgetIndex(IEnumerable<Budget> budgets)
    {
        foreach (var budget in budgets.Where(b => !b.Archived))
        {
            var scope = budget.Terms.Scope;
            switch (scope.Kind)
            {
                case BudgetScope.Org: everyUsage.Add(budget); break;
                case BudgetScope.Team: Add(byTeam, scope.Value, budget); break;
                case BudgetScope.Workflow: Add(byWorkflow, scope.Value, budget); break;
                case BudgetScope.Environment: Add(byEnvironment, scope.Value, budget); break;
                case BudgetScope.CostCentre: AddTag(BudgetScope.CostCentreTag, scope.Value, budget); break;
                case BudgetScope.Tag when scope.TagKey is not null: AddTag(scope.TagKey, scope.Value, budget); break;
            }
        }
    }

    /// <summary>The active budgets whose scope <paramref name="usage"/> is in (the same answer as <see cref="BudgetScope.Matches"/>).</summary>
    public IEnumerable<Budget> Matching(AccruedUsage usage)
    {
        foreach (var budget in everyUsage) yield return budget;
        foreach (var budget in Lookup(byTeam, usage.Team)) yield return budget;
        foreach (var budget in Lookup(byWorkflow, usage.Workflow)) yield return budget;
        foreach (var budget in Lookup(byEnvironment, usage.Environment)) yield return budget;
        if (byTag.Count == 0 || usage.Tags.Count == 0) yield break;
        foreach (var (key, values) in byTag)
        {
            if (usage.Tags.TryGetValue(key, out var value))
                foreach (var budget in Lookup(values, value)) yield return budget;
        }
    }

    /// <summary><see cref="Matching"/> into a list the caller reuses for every usage of a batch (cleared first).</summary>
    public void Match(AccruedUsage usage, List<Budget> matching)
    {
        matching.Clear();
        matching.AddRange(everyUsage);
        AddFound(byTeam, usage.Team, matching);
        AddFound(byWorkflow, usage.Workflow, matching);
        AddFound(byEnvironment, usage.Environment, matching);
        if (byTag.Count == 0 || usage.Tags.Count == 0) return;
        foreach (var (key, values) in byTag)
        {
            if (usage.Tags.TryGetValue(key, out var value)) AddFound(values, value, matching);
        }
    }

    private static void AddFound(Dictionary<string, List<Budget>> index, string value, List<Budget> matching)
    {
        if (index.TryGetValue(value, out var budgets)) matching.AddRange(budgets);
    }

    private static IReadOnlyList<Budget> Lookup(Dictionary<string, List<Budget>> index, string value) =>
        index.TryGetValue(value, out var budgets) ? budgets : [];

    private static void Add(Dictionary<string, List<Budget>> index, string value, Budget budget)
    {
        if (!index.TryGetValue(value, out var budgets)) index[value] = budgets = [];
        budgets.Add(budget);
    }

    private void AddTag(string key, string value, Budget budget)
    {
        if (!byTag.TryGetValue(key, out var values)) byTag[key] = values = new(StringComparer.Ordinal);
        Add(values, value, budget);
    }
}
