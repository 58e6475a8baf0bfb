using AiFinOps.Budgeting.Alerts;
using AiFinOps.Budgeting.Alerts.Forecasting;
using AiFinOps.Budgeting.Budgets.ManagingBudgets;
using AiFinOps.Budgeting.Spend;
using AiFinOps.ServiceDefaults.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace AiFinOps.Budgeting.Budgets.GettingBudgetStatus;

public static class BudgetStatusEndpoint
{
    public static IEndpointRouteBuilder MapBudgetStatus(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/budgets/{id}/status", GetAsync).RequireScope(ApiScopes.Read).WithName("GetBudgetStatus")
            .WithSummary("Spent, remaining, % used, thresholds crossed (when), days left, burn rate per day, forecast spend at the period's end (null before the minimum elapsed share) and the forecast alert state, this period or ?period=2026-11 (2026-Q4 for quarterly budgets).");
        return app;
    }

    private static async Task<Results<Ok<BudgetStatus>, ValidationProblem, ProblemHttpResult>> GetAsync(string id, string? period,
        HttpContext http, IQuerySession session, NpgsqlDataSource database, BudgetingSettings settings, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (await BudgetEndpoints.VisibleAsync(id, http, session, cancellationToken) is not { } budget) return Problems.NotFound(id);
        var now = clock.GetUtcNow();
        var kind = budget.Terms.Period;
        if (period is not null && !BudgetPeriods.IsKey(kind, period))
        {
            return Problems.Invalid([new("period", $"'{period}' is not a {kind} period; write {(kind == BudgetPeriods.Quarterly ? "2026-Q4" : "2026-11")}")]);
        }
        var key = period ?? BudgetPeriods.KeyOf(kind, now);
        var (start, end) = BudgetPeriods.RangeOf(key);
        var (spent, events) = await SpendStore.ReadAsync(database, session.DocumentStore.Options.DatabaseSchemaName, id, key, cancellationToken);
        var alerts = await session.Query<BudgetAlert>().Where(a => a.BudgetId == id && a.Period == key).ToListAsync(cancellationToken);
        var crossed = alerts.Where(a => a.ThresholdPercent is not null).ToList();
        var forecasts = alerts.Where(a => a.Kind == AlertKinds.Forecast).OrderBy(a => a.CrossedAt).ToList();

        var amount = budget.Terms.AmountUsd;
        var thresholds = budget.Terms.Thresholds
            .Union(crossed.Select(a => a.ThresholdPercent!.Value)).Order()
            .Select(t => crossed.FirstOrDefault(a => a.ThresholdPercent == t) is { } alert
                ? new ThresholdStatus(t, budget.Terms.SpendAt(t), true, alert.CrossedAt, alert.SpentUsd)
                : new ThresholdStatus(t, budget.Terms.SpendAt(t), false, null, null))
            .ToList();
        var forecast = SpendForecast.Of(key, spent, now, settings.Forecast);
        var forecastAlert = new ForecastAlertStatus(forecast?.ProjectedUsd > amount, forecasts.Count,
            forecasts.LastOrDefault()?.ForecastUsd, forecasts.LastOrDefault()?.CrossedAt);
        return TypedResults.Ok(new BudgetStatus(id, budget.Terms.Name, budget.Terms.Scope.ToString(), key, start, end, amount, spent,
            amount - spent, Math.Round(spent / amount * 100m, 2), events, BudgetPeriods.DaysLeft(key, now), budget.Archived, thresholds,
            forecast?.BurnRateUsdPerDay, forecast?.ProjectedUsd, forecastAlert));
    }
}
