using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiFinOps.Budgeting.Alerts;
using AiFinOps.Budgeting.Budgets.ManagingBudgets;
using AiFinOps.Contracts.Messages;

namespace AiFinOps.Budgeting.Tests;

/// <summary>
/// Alerts through the REST API and the real bus, at <see cref="MidNovemberBudgetingApp.Now"/> (half of November gone:
/// a forecast is twice the spend so far): AlertRaised for every alert, with the forecast and the top contributors;
/// status with burn rate and forecast; an amendment below spend alerting at once.
/// </summary>
public sealed class AlertPublishingTests(MidNovemberBudgetingApp app) : IClassFixture<MidNovemberBudgetingApp>
{
    private static readonly DateTimeOffset Occurred = new(2026, 11, 14, 9, 30, 0, TimeSpan.Zero);

    private static object Body(string team, decimal amount) => new
    {
        name = $"{team} monthly",
        scope = $"team:{team}",
        period = "monthly",
        amountUsd = amount,
        thresholds = new[] { 50, 100 },
        owner = "lead@example.com",
        recipients = new[] { "webhook:ops" },
    };

    /// <summary>$60 over seven workflows (w7 the largest) and two models.</summary>
    private static UsageBatchPriced Spend(string team) => Usages.Batch(
    [
        .. new[] { 3m, 4m, 5m, 6m, 10m, 12m, 20m }.Select((cost, i) => Usages.Priced(team, cost, cost, Occurred) with
        {
            Workflow = $"w{i + 1}",
            Provider = cost >= 10m ? "anthropic" : "openai",
            Model = cost >= 10m ? "claude-sonnet-4" : "gpt-4o",
        }),
    ]);

    [Fact]
    public async Task Every_alert_leaves_as_AlertRaised_with_its_forecast_and_top_contributors_and_an_amendment_below_spend_alerts_at_once()
    {
        await using var listener = await AlertListener.StartAsync(app.Schema.Replace('_', '-'));
        var team = Usages.NewTeam();
        var finance = app.ClientWithKey(FinanceKeys.Finance);
        var budget = (await (await finance.PostAsJsonAsync("/api/v1/budgets", Body(team, 100m))).Content.ReadFromJsonAsync<BudgetView>())!;
        var batch = Spend(team);

        // Delivered twice: the redelivery raises nothing.
        await Task.WhenAll(app.PublishAsync(batch), app.PublishAsync(batch));

        var raised = await Eventually.MatchesAsync(() => Task.FromResult(listener.RaisedOf(budget.Id)), r => r.Count >= 2);
        var threshold = Assert.Single(raised, r => r.Alert.Kind == AlertKinds.Threshold);
        var forecast = Assert.Single(raised, r => r.Alert.Kind == AlertKinds.Forecast);
        Assert.Equal(threshold.Alert.AlertId, threshold.MessageId);
        Assert.Equal(forecast.Alert.AlertId, forecast.MessageId);

        var t = threshold.Alert;
        Assert.Equal(("budgeting", "warning", $"team:{team}", team, "2026-11"), (t.Source, t.Severity, t.Scope, t.Team, t.Period));
        Assert.Equal((60m, 100m, 60m, 120m), (t.SpentUsd!.Value, t.BudgetUsd!.Value, t.PercentUsed!.Value, t.ForecastUsd!.Value));
        Assert.Equal([("w7", 20m), ("w6", 12m), ("w5", 10m), ("w4", 6m), ("w3", 5m)], t.TopWorkflows.Select(c => (c.Name, c.SpentUsd)));
        Assert.Equal([("anthropic/claude-sonnet-4", 42m), ("openai/gpt-4o", 18m)], t.TopModels.Select(c => (c.Name, c.SpentUsd)));
        Assert.Equal($"http://localhost:8080/budgets/{budget.Id}?period=2026-11", t.DashboardUrl);
        Assert.Equal($"Budget \"{team} monthly\" at 50 % of $100 in 2026-11", t.Title);
        Assert.Contains("projected to reach $120.00", t.Text);
        Assert.Equal(("50", "spend"), (t.Facts["thresholdPercent"], t.Facts["cause"]));
        Assert.Equal(("lead@example.com", "webhook:ops"), (t.Owner, Assert.Single(t.Recipients)));

        var f = forecast.Alert;
        Assert.Equal(("warning", 120m, 60m), (f.Severity, f.ForecastUsd!.Value, f.SpentUsd!.Value));
        Assert.Equal(t.TopWorkflows, f.TopWorkflows);
        Assert.Equal($"Budget \"{team} monthly\" projected at $120 of $100 by the end of 2026-11", f.Title);
        // The threshold alert still leaves as BudgetThresholdCrossed too; the forecast alert crossed no threshold.
        var crossed = await Eventually.MatchesAsync(() => Task.FromResult(listener.Of(budget.Id)), c => c.Count >= 1);
        Assert.Equal((t.AlertId, 50), (Assert.Single(crossed).AlertId, crossed[0].ThresholdPercent));

        var status = await app.ClientWithKey(TestApiKeys.ReaderOf(team)).GetFromJsonAsync<JsonElement>($"/api/v1/budgets/{budget.Id}/status");
        Assert.Equal((4m, 120m), (status.GetProperty("burnRateUsdPerDay").GetDecimal(), status.GetProperty("forecastUsd").GetDecimal()));
        var forecastAlert = status.GetProperty("forecastAlert");
        Assert.True(forecastAlert.GetProperty("projectedOverBudget").GetBoolean());
        Assert.Equal((1, 120m), (forecastAlert.GetProperty("alertsRaised").GetInt32(), forecastAlert.GetProperty("lastAlertedForecastUsd").GetDecimal()));

        // Lowering the budget below the $60 spent crosses 100 % in the same request.
        using var amended = await finance.PutAsJsonAsync($"/api/v1/budgets/{budget.Id}", Body(team, 55m));
        Assert.Equal(HttpStatusCode.OK, amended.StatusCode);
        var history = await app.ClientWithKey(TestApiKeys.Reader).GetFromJsonAsync<JsonElement>($"/api/v1/budgets/alerts?budgetId={budget.Id}");
        Assert.Equal(["budget.forecast - spend", "budget.threshold 100 amendment", "budget.threshold 50 spend"],
            history.EnumerateArray().Select(Summary).Order(StringComparer.Ordinal));
        var critical = await Eventually.MatchesAsync(() => Task.FromResult(listener.RaisedOf(budget.Id)), r => r.Count >= 3);
        var hundred = Assert.Single(critical, r => r.Alert.Facts.GetValueOrDefault("thresholdPercent") == "100").Alert;
        Assert.Equal(("critical", 55m, "amendment"), (hundred.Severity, hundred.BudgetUsd!.Value, hundred.Facts["cause"]));
        Assert.Contains("Raised when the budget was amended.", hundred.Text);
        Assert.Equal(3, critical.Count);
        Assert.Equal(3, critical.Select(r => r.Alert.AlertId).Distinct().Count());
    }

    private static string Summary(JsonElement alert) =>
        $"{alert.GetProperty("kind").GetString()} {(alert.GetProperty("thresholdPercent") is { ValueKind: JsonValueKind.Number } t ? t.GetRawText() : "-")} {alert.GetProperty("cause").GetString()}";
}
