using AiFinOps.Budgeting.Budgets;
using AiFinOps.Budgeting.Spend;
using AiFinOps.Budgeting.Spend.RecordingSpend;

namespace AiFinOps.Budgeting.Tests;

public sealed class BudgetIndexTests
{
    private static readonly string[] Scopes =
    [
        "org", "team:search", "team:ads", "workflow:triage", "workflow:summarise", "environment:prod", "environment:dev",
        "cost-centre:CC-1", "cost-centre:CC-2", "tag:product=chat", "tag:product=search", "tag:customer=acme", "tag:cost_centre=CC-1",
    ];

    [Fact]
    public void Every_usage_finds_exactly_the_budgets_whose_scope_matches_it()
    {
        var random = new Random(7);
        var budgets = Scopes.Select(scope => Budgets.Defined(scope: scope)).ToList();
        string Pick(params string[] values) => values[random.Next(values.Length)];
        var reused = new List<Budget>();
        for (var n = 0; n < 2_000; n++)
        {
            var tags = new Dictionary<string, string>();
            if (random.Next(2) == 0) tags["product"] = Pick("chat", "search", "other");
            if (random.Next(3) == 0) tags["cost_centre"] = Pick("CC-1", "CC-2", "CC-3");
            if (random.Next(4) == 0) tags["customer"] = Pick("acme", "globex");
            var usage = AccruedUsage.From(Usages.Priced(Pick("search", "ads", "growth"), 2m, 1m) with
            {
                Workflow = Pick("triage", "summarise", "(untagged)"),
                Environment = Pick("prod", "dev", "staging"),
                Tags = tags,
            });

            var expected = budgets.Where(b => b.Terms.Scope.Matches(usage)).Select(b => b.Id).Order(StringComparer.Ordinal);
            var index = new BudgetIndex(budgets);
            var found = index.Matching(usage).Select(b => b.Id).Order(StringComparer.Ordinal);
            Assert.Equal(expected, found);
            index.Match(usage, reused); // the list accrual reuses for every usage: cleared, then filled with the same budgets
            Assert.Equal(expected, reused.Select(b => b.Id).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Archived_budgets_are_not_indexed()
    {
        var budget = Budgets.Defined(scope: "org");
        var archived = budget.Apply(new BudgetArchived(budget.Id, Budgets.Now, "k"));
        var usage = AccruedUsage.From(Usages.Priced("search", 2m, 1m));

        Assert.Single(new BudgetIndex([budget]).Matching(usage));
        Assert.Empty(new BudgetIndex([archived]).Matching(usage));
    }
}
