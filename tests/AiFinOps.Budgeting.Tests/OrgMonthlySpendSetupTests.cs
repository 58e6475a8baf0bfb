using AiFinOps.Budgeting.Budgets;
using AiFinOps.Budgeting.Budgets.OrgMonthlySpend;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace AiFinOps.Budgeting.Tests;

/// <summary>
/// The org-wide monthly alert following its configuration across restarts and replicas: each startup is
/// <see cref="OrgMonthlySpendSetup.EnsureAsync"/>, several at once are replicas starting together. This host starts with
/// it off, so the class owns the system budget's stream.
/// </summary>
public sealed class OrgMonthlySpendSetupTests(BudgetingApp app) : IClassFixture<BudgetingApp>
{
    private OrgMonthlySpendSetup Setup => app.Services.GetRequiredService<OrgMonthlySpendSetup>();

    private Task ReplicasStartAsync(decimal? amountUsd, int replicas = 4) =>
        Task.WhenAll(Enumerable.Range(0, replicas).Select(_ => Task.Run(() => Setup.EnsureAsync(amountUsd, default))));

    private async Task<(Budget? Budget, IReadOnlyList<string> Events)> StoredAsync()
    {
        await using var session = app.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var events = await session.Events.FetchStreamAsync(OrgMonthlySpendBudget.Id);
        return (await session.LoadAsync<Budget>(OrgMonthlySpendBudget.Id), events.Select(e => e.EventTypeName).ToList());
    }

    [Fact]
    public async Task Replicas_and_restarts_define_amend_archive_and_reinstate_it_exactly_once_each()
    {
        var (none, nothing) = await StoredAsync();
        Assert.Equal((null, 0), (none, nothing.Count));

        await ReplicasStartAsync(500m);
        await ReplicasStartAsync(500m);
        var (defined, events) = await StoredAsync();
        Assert.Equal(["budget_defined"], events);
        Assert.Equal(("org", 500m, false), (defined!.Terms.Scope.ToString(), defined.Terms.AmountUsd, defined.Archived));

        await ReplicasStartAsync(750m);
        await ReplicasStartAsync(750m);
        var (amended, afterAmending) = await StoredAsync();
        Assert.Equal(["budget_defined", "budget_amended"], afterAmending);
        Assert.Equal(750m, amended!.Terms.AmountUsd);

        await ReplicasStartAsync(null);
        await ReplicasStartAsync(null);
        var (archived, afterArchiving) = await StoredAsync();
        Assert.Equal(["budget_defined", "budget_amended", "budget_archived"], afterArchiving);
        Assert.True(archived!.Archived);

        await ReplicasStartAsync(600m);
        var (reinstated, afterReinstating) = await StoredAsync();
        Assert.Equal(["budget_defined", "budget_amended", "budget_archived", "budget_reinstated"], afterReinstating);
        Assert.Equal((false, 600m), (reinstated!.Archived, reinstated.Terms.AmountUsd));
    }
}
