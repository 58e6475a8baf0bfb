using AiFinOps.Budgeting.Alerts;
using AiFinOps.Budgeting.Budgets;
using AiFinOps.Budgeting.Budgets.ManagingBudgets;
using AiFinOps.Budgeting.Spend.RecordingSpend;
using AiFinOps.Contracts.Messages;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AiFinOps.Budgeting.Tests;

/// <summary>Budgets defined and spend delivered straight through the service's handlers, at a chosen instant.</summary>
public static class BudgetingAppExtensions
{
    public static async Task<Budget> DefineAsync(this BudgetingApp app, string scope, decimal amount, IReadOnlyList<int>? thresholds = null,
        DateTimeOffset? now = null)
    {
        var command = new DefineBudget("b-" + Guid.NewGuid().ToString("N")[..10], Budgets.Draft(scope, amount, thresholds), now ?? Budgets.Now, "test");
        var (_, decision) = Assert.Single(await app.Services.GetRequiredService<BudgetCommands>().DefineAsync([command], partial: false, default));
        Assert.True(decision.Accepted, string.Join("; ", decision.Errors));
        return Budget.Create((BudgetDefined)decision.Events[0]);
    }

    /// <summary>What the consumer does with a message, retried as the bus would after a lost race.</summary>
    public static Task<SpendRecorded> DeliverAsync(this BudgetingApp app, UsageBatchPriced batch, DateTimeOffset? now = null) =>
        BusRetry.RunAsync(() => RecordSpend.HandleAsync(app.Services.GetRequiredService<NpgsqlDataSource>(),
            app.Services.GetRequiredService<IDocumentStore>(), batch.Usages, now ?? Budgets.Now,
            app.Services.GetRequiredService<BudgetingSettings>().Forecast, default), attempts: 20);

    public static async Task<IReadOnlyList<BudgetAlert>> AlertsAsync(this BudgetingApp app, string budgetId, string? kind = null)
    {
        await using var session = app.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var alerts = await session.Query<BudgetAlert>().Where(a => a.BudgetId == budgetId).OrderBy(a => a.CrossedAt).ToListAsync();
        return alerts.Where(a => kind is null || a.Kind == kind).ToList();
    }
}
