using AiFinOps.Budgeting.Alerts;
using AiFinOps.Budgeting.Alerts.Forecasting;
using AiFinOps.Budgeting.Budgets;
using AiFinOps.Budgeting.Budgets.ManagingBudgets;
using AiFinOps.Budgeting.Spend;
using AiFinOps.Budgeting.Spend.RecordingRepricing;
using AiFinOps.Budgeting.Spend.RecordingSpend;
using AiFinOps.Contracts.Messages;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AiFinOps.Budgeting.Tests;

/// <summary>Re-pricing differences accrued against the real PostgreSQL (and once through the real bus), next to usage.</summary>
public sealed class RecordingRepricingTests(BudgetingApp app) : IClassFixture<BudgetingApp>
{
    private IDocumentStore Store => app.Services.GetRequiredService<IDocumentStore>();
    private NpgsqlDataSource Database => app.Services.GetRequiredService<NpgsqlDataSource>();
    private BudgetCommands Commands => app.Services.GetRequiredService<BudgetCommands>();

    [Fact]
    public async Task A_repricing_that_takes_spend_over_80_percent_raises_that_alert_once_with_cause_repricing()
    {
        await using var listener = await AlertListener.StartAsync(app.Schema.Replace('_', '-'));
        var team = Usages.NewTeam();
        var budget = await DefineAsync(team, 10m);
        var unpriced = Usages.Unpriced(team);
        await Deliver(Usages.Batch(Usages.Priced(team, 5m, 5m), unpriced));
        // The unpriced call got its price: 3.5 more, 85 % of the budget.
        var page = Repricings.Page(Repricings.Line(team, 3.5m, unpricedDelta: -1, lineId: unpriced.EventId + "#r7"));

        await app.PublishAsync(page);

        var sent = await Eventually.MatchesAsync(() => Task.FromResult(listener.Of(budget.Id)), a => a.Count >= 1);
        Assert.Equal((80, 8.5m, "repricing"), (Assert.Single(sent).ThresholdPercent, sent[0].SpentUsd, sent[0].Cause));
        Assert.Equal((8.5m, 2L), await SpentAsync(budget));
        Assert.Equal((0, 0), await RedeliverAsync(page));
        Assert.Equal([(80, "repricing")], (await AlertsAsync(budget)).Select(a => (a.ThresholdPercent, a.Cause)));
    }

    [Fact]
    public async Task The_same_page_twice_changes_nothing()
    {
        var team = Usages.NewTeam();
        var budget = await DefineAsync(team, 100m);
        await Deliver(Usages.Batch(Usages.Priced(team, 2m, 2m), Usages.Priced(team, 3m, 3m)));
        var page = Repricings.Page(Repricings.Line(team, 1.25m), Repricings.Line(team, -0.5m));

        var first = await RecordRepricing.HandleAsync(Database, Store, page, Budgets.Now, ForecastPolicy.Default, default);
        var again = await RedeliverAsync(page);

        Assert.Equal((2, 0), (first.Accrued, first.Alerts.Total));
        Assert.Equal((0, 0), again);
        // Re-pricing moves cost, never the count of calls.
        Assert.Equal((5.75m, 2L), await SpentAsync(budget));
    }

    [Fact]
    public async Task A_correction_below_the_threshold_raises_nothing_and_spend_rising_again_does_not_raise_it_twice()
    {
        var team = Usages.NewTeam();
        var budget = await DefineAsync(team, 10m);
        var call = Usages.Priced(team, 8.5m, 8.5m);
        await Deliver(Usages.Batch(call));
        Assert.Equal([(80, "spend")], (await AlertsAsync(budget)).Select(a => (a.ThresholdPercent, a.Cause)));

        var correction = await RecordRepricing.HandleAsync(Database, Store, Repricings.Page(Repricings.Line(team, -2m, lineId: call.EventId + "#r7")), Budgets.Now, ForecastPolicy.Default, default);
        Assert.Equal((1, 0), (correction.Accrued, correction.Alerts.Thresholds));
        Assert.Equal((6.5m, 1L), await SpentAsync(budget));

        var rise = await RecordRepricing.HandleAsync(Database, Store, Repricings.Page(Repricings.Line(team, 2.5m, lineId: call.EventId + "#r8")), Budgets.Now, ForecastPolicy.Default, default);
        var more = await Deliver(Usages.Batch(Usages.Priced(team, 0.5m, 0.5m)));

        Assert.Equal((0, 0), (rise.Alerts.Thresholds, more.Alerts.Thresholds)); // a forecast alert may come: the projection grew
        Assert.Equal((9.5m, 2L), await SpentAsync(budget));
        Assert.Equal([(80, "spend")], (await AlertsAsync(budget)).Select(a => (a.ThresholdPercent, a.Cause)));
        Assert.Equal(1, await app.EventsInStreamsAsync([BudgetPeriodAlerts.StreamKey(budget.Id, "2026-11")]));
    }

    [Fact]
    public async Task A_budget_defined_after_a_repricing_starts_from_the_repriced_spend_and_counts_calls_not_lines()
    {
        var team = Usages.NewTeam();
        var unpriced = Usages.Unpriced(team);
        await Deliver(Usages.Batch(Usages.Priced(team, 1m, 1m), unpriced));
        await RecordRepricing.HandleAsync(Database, Store, Repricings.Page(Repricings.Line(team, 7.5m, unpricedDelta: -1, lineId: unpriced.EventId + "#r7")), Budgets.Now, ForecastPolicy.Default, default);

        var budget = await DefineAsync(team, 10m);

        Assert.Equal((8.5m, 2L), await SpentAsync(budget));
        Assert.Equal([(80, "definition")], (await AlertsAsync(budget)).Select(a => (a.ThresholdPercent, a.Cause)));
    }

    private async Task<Budget> DefineAsync(string team, decimal amount)
    {
        var command = new DefineBudget("b-" + Guid.NewGuid().ToString("N")[..10], Budgets.Draft($"team:{team}", amount), Budgets.Now, "test");
        var (_, decision) = Assert.Single(await Commands.DefineAsync([command], partial: false, default));
        Assert.True(decision.Accepted, string.Join("; ", decision.Errors));
        return Budget.Create((BudgetDefined)decision.Events[0]);
    }

    private Task<SpendRecorded> Deliver(UsageBatchPriced batch) => RecordSpend.HandleAsync(Database, Store, batch.Usages, Budgets.Now, ForecastPolicy.Default, default);

    private async Task<(int Accrued, int Alerts)> RedeliverAsync(SpendRepriced page)
    {
        var recorded = await RecordRepricing.HandleAsync(Database, Store, page, Budgets.Now, ForecastPolicy.Default, default);
        return (recorded.Accrued, recorded.Alerts.Total);
    }

    private Task<(decimal, long)> SpentAsync(Budget budget) => SpendStore.ReadAsync(Database, app.Schema, budget.Id, "2026-11", default);

    private async Task<IReadOnlyList<BudgetAlert>> AlertsAsync(Budget budget)
    {
        await using var session = Store.QuerySession();
        return await session.Query<BudgetAlert>().Where(a => a.BudgetId == budget.Id && a.Kind == AlertKinds.Threshold).ToListAsync();
    }
}
