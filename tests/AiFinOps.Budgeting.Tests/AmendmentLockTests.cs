using AiFinOps.Budgeting.Budgets;
using AiFinOps.Budgeting.Budgets.ManagingBudgets;
using AiFinOps.Budgeting.Spend;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AiFinOps.Budgeting.Tests;

/// <summary>
/// An amendment waits for the consumers in flight and they for it (the accrual lock): a batch that read the budgets
/// before the amendment commits before it, and one that reads them after sees the amended terms.
/// </summary>
public sealed class AmendmentLockTests(BudgetingApp app) : IClassFixture<BudgetingApp>
{
    [Fact]
    public async Task An_amendment_waits_until_a_consumer_holding_the_accrual_lock_has_committed()
    {
        var team = Usages.NewTeam();
        var budget = await app.DefineAsync($"team:{team}", 100m);
        await using var consumer = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var inFlight = await consumer.BeginTransactionAsync();
        await AccrualLock.ShareAsync(consumer, inFlight, default);

        var amending = app.Services.GetRequiredService<BudgetCommands>()
            .AmendAsync(budget.Id, new AmendBudget(Budgets.Draft($"team:{team}", 50m), Budgets.Now, "k"), default);
        var finished = await Task.WhenAny(amending, Task.Delay(TimeSpan.FromSeconds(2)));

        Assert.NotSame(amending, finished);
        await inFlight.CommitAsync();
        var (decision, amended) = await amending;
        Assert.True(decision.Accepted, string.Join("; ", decision.Errors));
        Assert.Equal(50m, amended!.Terms.AmountUsd);
    }
}
