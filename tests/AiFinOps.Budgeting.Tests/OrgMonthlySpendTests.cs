using System.Net;
using System.Net.Http.Json;
using AiFinOps.Budgeting.Alerts;
using AiFinOps.Budgeting.Budgets;
using AiFinOps.Budgeting.Budgets.ManagingBudgets;
using AiFinOps.Budgeting.Budgets.OrgMonthlySpend;
using AiFinOps.Budgeting.Spend;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AiFinOps.Budgeting.Tests;

/// <summary>The org-wide monthly alert as the service runs it by default ($500), against the real servers.</summary>
public sealed class OrgMonthlySpendTests(OrgAlertingBudgetingApp app) : IClassFixture<OrgAlertingBudgetingApp>
{
    [Fact]
    public async Task The_org_alert_fires_exactly_once_when_org_spend_passes_500_in_a_month_under_parallel_consumers_and_redelivery()
    {
        await using var listener = await AlertListener.StartAsync(app.Schema.Replace('_', '-'));
        var now = DateTimeOffset.UtcNow;
        var period = BudgetPeriods.KeyOf(BudgetPeriods.Monthly, now);
        // $600 from three teams, $10 a call; every call in up to three overlapping batches.
        var usages = Enumerable.Range(0, 60).Select(i => Usages.Priced($"org-team-{i % 3}", 10m, 10m, now)).ToArray();
        var batches = Enumerable.Range(0, 20).Select(i => Usages.Batch(usages.Skip(3 * i).Take(9).ToArray())).ToList();

        await Task.WhenAll(batches.Concat(batches).Select(b => app.DeliverAsync(b, now)));
        foreach (var batch in batches) Assert.Equal(0, (await app.DeliverAsync(batch, now)).Accrued);

        var (spent, events) = await SpendStore.ReadAsync(app.Services.GetRequiredService<NpgsqlDataSource>(), app.Schema,
            OrgMonthlySpendBudget.Id, period, default);
        Assert.Equal((600m, 60L), (spent, events));
        var alert = Assert.Single(await app.AlertsAsync(OrgMonthlySpendBudget.Id));
        Assert.Equal((AlertKinds.OrgMonthlySpend, 100, 500m, period), (alert.Kind, alert.ThresholdPercent!.Value, alert.BudgetUsd, alert.Period));
        Assert.InRange(alert.SpentUsd, 500m, 600m);
        Assert.Equal(1, await app.EventsInStreamsAsync([BudgetPeriodAlerts.StreamKey(OrgMonthlySpendBudget.Id, period)]));

        var raised = (await Eventually.MatchesAsync(() => Task.FromResult(listener.RaisedOf(OrgMonthlySpendBudget.Id)), r => r.Count >= 1)).Single();
        Assert.Equal((alert.Id, alert.Id, "org.monthly-spend", "critical", "org", (string?)null),
            (raised.MessageId!.Value, raised.Alert.AlertId, raised.Alert.Kind, raised.Alert.Severity, raised.Alert.Scope, raised.Alert.Team));
        Assert.Equal($"Org-wide AI spend passed $500 in {period}", raised.Alert.Title);
        Assert.Equal([("support-triage", alert.SpentUsd)], raised.Alert.TopWorkflows.Select(c => (c.Name, c.SpentUsd)));
        Assert.Equal([("openai/gpt-4o", alert.SpentUsd)], raised.Alert.TopModels.Select(c => (c.Name, c.SpentUsd)));
    }

    [Fact]
    public async Task The_org_alert_is_a_budget_anyone_unrestricted_reads_and_only_configuration_changes()
    {
        var finance = app.ClientWithKey(FinanceKeys.Finance);

        var budget = await app.ClientWithKey(TestApiKeys.Reader).GetFromJsonAsync<BudgetView>($"/api/v1/budgets/{OrgMonthlySpendBudget.Id}");

        Assert.Equal(("org", "monthly", 500m, false), (budget!.Scope, budget.Period, budget.AmountUsd, budget.Archived));
        Assert.Equal([100], budget.Thresholds);
        Assert.Equal(HttpStatusCode.Conflict, (await finance.DeleteAsync($"/api/v1/budgets/{OrgMonthlySpendBudget.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await finance.PutAsJsonAsync($"/api/v1/budgets/{OrgMonthlySpendBudget.Id}",
            new { name = "mine", scope = "org", period = "monthly", amountUsd = 1, owner = "me@example.com" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await app.ClientWithKey(TestApiKeys.ReaderOf("search")).GetAsync($"/api/v1/budgets/{OrgMonthlySpendBudget.Id}")).StatusCode);
    }
}
