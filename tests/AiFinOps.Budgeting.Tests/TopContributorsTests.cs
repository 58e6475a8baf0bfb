using AiFinOps.Budgeting.Alerts;
using AiFinOps.Budgeting.Budgets;
using AiFinOps.Budgeting.Budgets.ManagingBudgets;
using AiFinOps.Budgeting.Spend;
using AiFinOps.Contracts.Messages;
using Microsoft.Extensions.DependencyInjection;

namespace AiFinOps.Budgeting.Tests;

/// <summary>The workflows and models an alert names, from the contributors rollup kept with each budget-period's spend.</summary>
public sealed class TopContributorsTests(BudgetingApp app) : IClassFixture<BudgetingApp>
{
    /// <summary>Workflows w1…w7 spending $1…$7, on two models; and one unpriced call, which contributes nothing.</summary>
    private static UsageBatchPriced Spread(string team) => Usages.Batch(
    [
        .. Enumerable.Range(1, 7).Select(n => Usages.Priced(team, n, n) with
        {
            Workflow = $"w{n}",
            Provider = n % 2 == 1 ? "openai" : "anthropic",
            Model = n % 2 == 1 ? "gpt-4o" : "claude-sonnet-4",
        }),
        Usages.Unpriced(team) with { Workflow = "w9" },
    ]);

    [Fact]
    public async Task Alerts_name_the_five_largest_workflows_and_the_models_largest_first_each_usage_counted_once()
    {
        var team = Usages.NewTeam();
        var budget = await app.DefineAsync($"team:{team}", 10_000m);
        var spread = Spread(team);
        await Task.WhenAll(app.DeliverAsync(spread), app.DeliverAsync(spread));
        await app.DeliverAsync(spread);
        await app.DeliverAsync(Usages.Batch(Usages.Priced(team, 3m, 3m) with { Workflow = "w7", Provider = "openai", Model = "gpt-4o" }));

        // Spend is $31: lowering the budget to $20 crosses 80 % and 100 % at once.
        await app.Services.GetRequiredService<BudgetCommands>()
            .AmendAsync(budget.Id, new AmendBudget(Budgets.Draft($"team:{team}", 20m), Budgets.Now, "k"), default);

        var alerts = await app.AlertsAsync(budget.Id, AlertKinds.Threshold);
        Assert.Equal([80, 100], alerts.Select(a => a.ThresholdPercent!.Value).Order());
        Assert.All(alerts, a =>
        {
            Assert.Equal([new("w7", 10m), new("w6", 6m), new("w5", 5m), new("w4", 4m), new("w3", 3m)], a.TopWorkflows);
            Assert.Equal([new("openai/gpt-4o", 19m), new SpendContributor("anthropic/claude-sonnet-4", 12m)], a.TopModels);
        });
    }

    [Fact]
    public async Task A_budget_defined_mid_period_names_the_contributors_of_the_spend_already_accrued()
    {
        var team = Usages.NewTeam();
        await app.DeliverAsync(Spread(team));

        var budget = await app.DefineAsync($"team:{team}", 30m);

        var alert = Assert.Single(await app.AlertsAsync(budget.Id, AlertKinds.Threshold));
        Assert.Equal((80, "definition"), (alert.ThresholdPercent!.Value, alert.Cause));
        Assert.Equal(["w7", "w6", "w5", "w4", "w3"], alert.TopWorkflows.Select(c => c.Name));
        Assert.Equal([new("openai/gpt-4o", 16m), new SpendContributor("anthropic/claude-sonnet-4", 12m)], alert.TopModels);
    }
}
