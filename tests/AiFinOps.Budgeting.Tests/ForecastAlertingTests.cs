using AiFinOps.Budgeting.Alerts;
using AiFinOps.Budgeting.Alerts.Forecasting;
using AiFinOps.Budgeting.Budgets;
using AiFinOps.Budgeting.Budgets.ManagingBudgets;
using Microsoft.Extensions.DependencyInjection;

namespace AiFinOps.Budgeting.Tests;

/// <summary>
/// Forecast alerts against the real PostgreSQL, through the consumer's handler at <see cref="Budgets.Now"/> (13.375 of
/// November's 30 days elapsed: a projection is the spend × 30 / 13.375).
/// </summary>
public sealed class ForecastAlertingTests(BudgetingApp app) : IClassFixture<BudgetingApp>
{
    [Fact]
    public async Task A_forecast_alert_is_raised_once_and_again_only_when_the_projection_is_materially_worse()
    {
        var team = Usages.NewTeam();
        var budget = await app.DefineAsync($"team:{team}", 100m);
        var crossing = Usages.Batch(Usages.Priced(team, 25m, 25m));

        Assert.Equal(0, (await app.DeliverAsync(Usages.Batch(Usages.Priced(team, 20m, 20m)))).Alerts.Forecasts); // → $44.86
        Assert.Equal(1, (await app.DeliverAsync(crossing)).Alerts.Forecasts);                                     // → $100.93
        Assert.Equal(0, (await app.DeliverAsync(crossing)).Alerts.Total);                                         // redelivered
        Assert.Equal(0, (await app.DeliverAsync(Usages.Batch(Usages.Priced(team, 1m, 1m)))).Alerts.Forecasts);    // → $103.18 < $110.93
        Assert.Equal(1, (await app.DeliverAsync(Usages.Batch(Usages.Priced(team, 4m, 4m)))).Alerts.Forecasts);    // → $112.15

        var alerts = await app.AlertsAsync(budget.Id, AlertKinds.Forecast);
        Assert.Equal([(100.93m, (decimal?)null, 45m), (112.15m, 100.93m, 50m)], alerts.Select(a => (a.ForecastUsd!.Value, a.PreviousForecastUsd, a.SpentUsd)));
        Assert.All(alerts, a => Assert.Equal((null, "spend"), (a.ThresholdPercent, a.Cause)));
        Assert.Equal(2, await app.EventsInStreamsAsync([BudgetPeriodForecast.StreamKey(budget.Id, "2026-11")]));
    }

    [Fact]
    public async Task Once_spend_reaches_the_budget_the_threshold_alert_speaks_and_no_forecast_alert_follows()
    {
        var team = Usages.NewTeam();
        var budget = await app.DefineAsync($"team:{team}", 100m);

        var towards = await app.DeliverAsync(Usages.Batch(Usages.Priced(team, 80m, 80m)));
        var over = await app.DeliverAsync(Usages.Batch(Usages.Priced(team, 100m, 100m)));

        Assert.Equal((1, 1), (towards.Alerts.Thresholds, towards.Alerts.Forecasts));
        Assert.Equal((1, 0), (over.Alerts.Thresholds, over.Alerts.Forecasts));
        var forecast = Assert.Single(await app.AlertsAsync(budget.Id, AlertKinds.Forecast));
        Assert.Equal((80m, 179.44m), (forecast.SpentUsd, forecast.ForecastUsd!.Value));
        // The threshold alert still reports the projection, for its message.
        var threshold = (await app.AlertsAsync(budget.Id, AlertKinds.Threshold)).Single(a => a.ThresholdPercent == 100);
        Assert.Equal((180m, 403.74m), (threshold.SpentUsd, threshold.ForecastUsd!.Value));
        Assert.Equal(1, await app.EventsInStreamsAsync([BudgetPeriodForecast.StreamKey(budget.Id, "2026-11")]));
    }

    [Fact]
    public async Task An_amendment_lowering_the_budget_below_the_projection_raises_the_forecast_alert_at_once()
    {
        var team = Usages.NewTeam();
        var budget = await app.DefineAsync($"team:{team}", 1000m);
        await app.DeliverAsync(Usages.Batch(Usages.Priced(team, 50m, 50m)));
        Assert.Empty(await app.AlertsAsync(budget.Id));

        var (decision, _) = await app.Services.GetRequiredService<BudgetCommands>()
            .AmendAsync(budget.Id, new AmendBudget(Budgets.Draft($"team:{team}", 100m), Budgets.Now, "k"), default);

        Assert.True(decision.Accepted);
        var alert = Assert.Single(await app.AlertsAsync(budget.Id));
        Assert.Equal((AlertKinds.Forecast, 112.15m, 100m, "amendment"), (alert.Kind, alert.ForecastUsd!.Value, alert.BudgetUsd, alert.Cause));
    }

    [Fact]
    public async Task Before_the_minimum_elapsed_share_of_the_period_no_forecast_alert_is_raised()
    {
        var team = Usages.NewTeam();
        var secondOfNovember = new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
        var budget = await app.DefineAsync($"team:{team}", 100m, now: secondOfNovember);

        var recorded = await app.DeliverAsync(Usages.Batch(Usages.Priced(team, 60m, 60m, secondOfNovember.AddHours(-1))), secondOfNovember);

        Assert.Equal(default, recorded.Alerts);
        Assert.Empty(await app.AlertsAsync(budget.Id));
    }
}
