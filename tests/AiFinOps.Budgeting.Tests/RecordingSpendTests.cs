using AiFinOps.Budgeting.Alerts;
using AiFinOps.Budgeting.Alerts.Forecasting;
using AiFinOps.Budgeting.Budgets;
using AiFinOps.Budgeting.Budgets.ManagingBudgets;
using AiFinOps.Budgeting.Spend;
using AiFinOps.Budgeting.Spend.RecordingSpend;
using AiFinOps.Contracts.Messages;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AiFinOps.Budgeting.Tests;

/// <summary>Exactly-once accrual and alerts against the real PostgreSQL, driving the consumer's handler directly.</summary>
public sealed class RecordingSpendTests(BudgetingApp app) : IClassFixture<BudgetingApp>
{
    private IDocumentStore Store => app.Services.GetRequiredService<IDocumentStore>();
    private NpgsqlDataSource Database => app.Services.GetRequiredService<NpgsqlDataSource>();
    private BudgetCommands Commands => app.Services.GetRequiredService<BudgetCommands>();

    [Fact]
    public async Task Redelivering_a_batch_accrues_each_usage_once()
    {
        var team = Usages.NewTeam();
        var budget = await DefineAsync($"team:{team}", 100m);
        var batch = Usages.Batch(Usages.Priced(team, 1.5m, 1.2m), Usages.Priced(team, 0.5m, 0.4m));

        Assert.Equal(2, (await Deliver(batch)).Accrued);
        Assert.Equal(0, (await Deliver(batch)).Accrued);

        Assert.Equal((1.6m, 2L), await SpentAsync(budget));
    }

    [Fact]
    public async Task Two_concurrent_deliveries_of_a_batch_accrue_each_usage_once()
    {
        var team = Usages.NewTeam();
        var budget = await DefineAsync($"team:{team}", 1000m);
        var batch = Usages.Batch(Enumerable.Range(0, 200).Select(_ => Usages.Priced(team, 0.01m, 0.01m)).ToArray());

        var accrued = await Task.WhenAll(DeliverWithRetries(batch), DeliverWithRetries(batch));

        Assert.Equal(200, accrued.Sum(a => a.Accrued));
        Assert.Equal((2m, 200L), await SpentAsync(budget));
    }

    [Fact]
    public async Task Crossing_80_percent_raises_exactly_one_alert_and_redelivery_raises_none()
    {
        var team = Usages.NewTeam();
        var budget = await DefineAsync($"team:{team}", 10m);
        var batch = Usages.Batch(Usages.Priced(team, 9m, 8.5m));

        Assert.Equal(1, (await Deliver(batch)).Alerts.Thresholds);
        Assert.Equal(0, (await Deliver(batch)).Alerts.Total);

        var alert = Assert.Single(await AlertsAsync(budget));
        Assert.Equal((80, 8.5m, 85m), (alert.ThresholdPercent, alert.SpentUsd, alert.PercentUsed));
    }

    [Fact]
    public async Task Parallel_consumers_never_raise_a_threshold_twice()
    {
        var team = Usages.NewTeam();
        var budget = await DefineAsync($"team:{team}", 100m, [10, 50, 80, 100]);
        var usages = Enumerable.Range(0, 60).Select(_ => Usages.Priced(team, 2m, 2m)).ToArray();
        // Every usage in three overlapping batches, all delivered at once: the racing consumers serialise on the
        // budget-period row and the losers of a duplicate retry, as the bus would.
        var batches = Enumerable.Range(0, 20).Select(i => Usages.Batch(usages.Skip(3 * i).Take(9).ToArray())).ToList();

        await Task.WhenAll(batches.Concat(batches).Select(DeliverWithRetries));

        Assert.Equal((120m, 60L), await SpentAsync(budget));
        Assert.Equal([10, 50, 80, 100], (await AlertsAsync(budget)).Select(a => a.ThresholdPercent).Order());
        Assert.Equal(4, await app.EventsInStreamsAsync([BudgetPeriodAlerts.StreamKey(budget.Id, "2026-11")]));
    }

    [Fact]
    public async Task An_amendment_lowering_the_budget_below_spend_raises_its_alerts_at_once()
    {
        var team = Usages.NewTeam();
        var budget = await DefineAsync($"team:{team}", 100m);
        await Deliver(Usages.Batch(Usages.Priced(team, 50m, 50m)));
        Assert.Empty(await AlertsAsync(budget));

        var (decision, _) = await Commands.AmendAsync(budget.Id, new AmendBudget(Budgets.Draft($"team:{team}", 45m), Budgets.Now, "k"), default);

        Assert.True(decision.Accepted);
        Assert.Equal([(80, "amendment"), (100, "amendment")], (await AlertsAsync(budget)).Select(a => (a.ThresholdPercent, a.Cause)).Order());
    }

    [Fact]
    public async Task A_budget_defined_mid_period_starts_from_the_spend_already_accrued_in_its_scope()
    {
        var team = Usages.NewTeam();
        await Deliver(Usages.Batch(Usages.Priced(team, 3m, 3m), Usages.Priced(team, 6m, 6m), Usages.Priced(Usages.NewTeam(), 5m, 5m)));

        var budget = await DefineAsync($"team:{team}", 10m);

        Assert.Equal((9m, 2L), await SpentAsync(budget));
        Assert.Equal([(80, "definition")], (await AlertsAsync(budget)).Select(a => (a.ThresholdPercent, a.Cause)));
    }

    [Fact]
    public async Task Late_usage_counts_in_the_period_it_occurred_in_and_alerts_then()
    {
        var team = Usages.NewTeam();
        var budget = await DefineAsync($"team:{team}", 10m);
        await Deliver(Usages.Batch(Usages.Priced(team, 1m, 1m, occurredAt: new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero))));

        await Deliver(Usages.Batch(Usages.Priced(team, 8m, 8m, occurredAt: new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero))));

        Assert.Equal([("2026-11", 80)], (await AlertsAsync(budget)).Select(a => (a.Period, a.ThresholdPercent)));
    }

    [Fact]
    public async Task An_archived_budget_raises_no_more_alerts()
    {
        var team = Usages.NewTeam();
        var budget = await DefineAsync($"team:{team}", 10m);
        await Commands.ArchiveAsync(budget.Id, new ArchiveBudget(Budgets.Now, "k"), default);

        await Deliver(Usages.Batch(Usages.Priced(team, 50m, 50m)));

        Assert.Empty(await AlertsAsync(budget));
    }

    private async Task<Budget> DefineAsync(string scope, decimal amount, IReadOnlyList<int>? thresholds = null)
    {
        var command = new DefineBudget("b-" + Guid.NewGuid().ToString("N")[..10], Budgets.Draft(scope, amount, thresholds), Budgets.Now, "test");
        var (_, decision) = Assert.Single(await Commands.DefineAsync([command], partial: false, default));
        Assert.True(decision.Accepted, string.Join("; ", decision.Errors));
        return Budget.Create((BudgetDefined)decision.Events[0]);
    }

    private Task<SpendRecorded> Deliver(UsageBatchPriced batch) => RecordSpend.HandleAsync(Database, Store, batch.Usages, Budgets.Now, ForecastPolicy.Default, default);

    private Task<SpendRecorded> DeliverWithRetries(UsageBatchPriced batch) => BusRetry.RunAsync(() => Deliver(batch), attempts: 20);

    private Task<(decimal, long)> SpentAsync(Budget budget) => SpendStore.ReadAsync(Database, app.Schema, budget.Id, "2026-11", default);

    /// <summary>The budget's threshold alerts (forecast alerts have their own tests).</summary>
    private async Task<IReadOnlyList<BudgetAlert>> AlertsAsync(Budget budget)
    {
        await using var session = Store.QuerySession();
        return await session.Query<BudgetAlert>().Where(a => a.BudgetId == budget.Id && a.Kind == AlertKinds.Threshold).ToListAsync();
    }
}
