using AiFinOps.Budgeting.Budgets;
using AiFinOps.Budgeting.Spend;
using AiFinOps.Budgeting.Spend.RecordingSpend;

namespace AiFinOps.Budgeting.Tests;

public sealed class BudgetAccrualTests
{
    private static AccruedUsage Usage(string team = "search", decimal cost = 1m, DateTimeOffset? at = null, string workflow = "triage",
        string environment = "prod", Dictionary<string, string>? tags = null) =>
        AccruedUsage.From(Usages.Priced(team, cost * 2, cost, at) with { Workflow = workflow, Environment = environment, Tags = tags ?? [] });

    [Theory]
    [InlineData("org", 4)]
    [InlineData("team:search", 2)]
    [InlineData("workflow:triage", 3)]
    [InlineData("environment:dev", 1)]
    [InlineData("cost-centre:CC-1", 1)]
    [InlineData("tag:product=chat", 2)]
    [InlineData("tag:product=none", 0)]
    public void A_usage_counts_its_effective_cost_against_every_budget_whose_scope_matches(string scope, int matching)
    {
        var budget = Budgets.Defined(scope: scope);
        AccruedUsage[] usages =
        [
            Usage("search", tags: new() { ["cost_centre"] = "CC-1", ["product"] = "chat" }),
            Usage("search", workflow: "summarise", tags: new() { ["product"] = "chat" }),
            Usage("ads"),
            Usage("ads", environment: "dev"),
        ];

        var deltas = BudgetAccrual.Deltas([budget], usages);

        Assert.Equal(matching, deltas.Sum(d => d.Events));
        Assert.Equal(matching * 1m, deltas.Sum(d => d.SpentUsd));
    }

    [Fact]
    public void Usage_is_summed_per_budget_and_period_of_the_call()
    {
        var monthly = Budgets.Defined(amount: 10m);
        var quarterly = Budgets.Defined(amount: 10m, period: "quarterly");
        var november = Usage(cost: 1.25m);
        var december = Usage(cost: 2m, at: new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

        var deltas = BudgetAccrual.Deltas([monthly, quarterly], [november, december, november with { EventId = "other" }]);

        Assert.Contains(new BudgetPeriodDelta(monthly.Id, "2026-11", 2.5m, 2), deltas);
        Assert.Contains(new BudgetPeriodDelta(monthly.Id, "2026-12", 2m, 1), deltas);
        Assert.Contains(new BudgetPeriodDelta(quarterly.Id, "2026-Q4", 4.5m, 3), deltas);
    }

    [Fact]
    public void Unpriced_usage_counts_as_an_event_without_cost()
    {
        var unpriced = AccruedUsage.From(Usages.Unpriced("search"));

        Assert.Equal(new BudgetPeriodDelta(Budgets.Defined().Id, "2026-11", 0m, 1) with { BudgetId = "x" },
            BudgetAccrual.Deltas([Budgets.Defined()], [unpriced]).Single() with { BudgetId = "x" });
    }

    [Fact]
    public void Usage_before_the_budget_s_first_period_does_not_count_against_it() =>
        Assert.Empty(BudgetAccrual.Deltas([Budgets.Defined()], [Usage(at: new DateTimeOffset(2026, 10, 31, 23, 59, 0, TimeSpan.Zero))]));

    [Fact]
    public void Archived_budgets_accrue_nothing()
    {
        var budget = Budgets.Defined();

        Assert.Empty(BudgetAccrual.Deltas([budget.Apply(new BudgetArchived(budget.Id, Budgets.Now, "k"))], [Usage()]));
    }

    [Fact]
    public void Budgets_spend_the_effective_cost_not_the_list_cost() =>
        Assert.Equal(0.75m, AccruedUsage.From(Usages.Priced("search", 1m, 0.75m)).EffectiveCostUsd);
}
