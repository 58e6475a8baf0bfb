using AiFinOps.Budgeting.Budgets.ManagingBudgets;
using AiFinOps.ServiceDefaults.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiFinOps.Budgeting.Alerts.GettingAlerts;

public static class AlertHistoryEndpoint
{
    private const int Limit = 1000;

    public static IEndpointRouteBuilder MapAlertHistory(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/budgets/alerts", GetAsync).RequireScope(ApiScopes.Read).WithName("GetBudgetAlerts")
            .WithSummary("Threshold alerts, newest first (at most 1000), optionally of one ?budgetId= and ?period=; publishedAt is when the broker confirmed the bus message.");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<BudgetAlertView>>> GetAsync(string? budgetId, string? period, HttpContext http,
        IQuerySession session, CancellationToken cancellationToken)
    {
        var query = session.Query<BudgetAlert>().AsQueryable();
        if (budgetId is not null) query = query.Where(a => a.BudgetId == budgetId);
        if (period is not null) query = query.Where(a => a.Period == period);
        var alerts = await query.OrderByDescending(a => a.CrossedAt).Take(Limit).ToListAsync(cancellationToken);
        var teams = http.ApiKey().Teams;
        IReadOnlyList<BudgetAlertView> visible = alerts.Where(a => a.Scope.VisibleTo(teams)).Select(BudgetAlertView.Of).ToList();
        return TypedResults.Ok(visible);
    }
}

/// <summary>An alert as the history shows it.</summary>
public sealed record BudgetAlertView(Guid AlertId, string BudgetId, string BudgetName, string Scope, string Period, int ThresholdPercent,
    decimal SpentUsd, decimal BudgetUsd, decimal PercentUsed, DateTimeOffset CrossedAt, string Cause, DateTimeOffset? PublishedAt)
{
    public static BudgetAlertView Of(BudgetAlert a) => new(a.Id, a.BudgetId, a.BudgetName, a.Scope.ToString(), a.Period, a.ThresholdPercent,
        a.SpentUsd, a.BudgetUsd, a.PercentUsed, a.CrossedAt, a.Cause, a.PublishedAt);
}
