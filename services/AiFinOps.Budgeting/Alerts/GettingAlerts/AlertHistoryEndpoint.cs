using AiFinOps.Budgeting.Budgets;
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
            .WithSummary("Budget alerts (threshold, forecast, org-wide monthly), newest first (at most 1000), optionally of one ?budgetId=, ?period=, ?kind= (budget.threshold, budget.forecast, org.monthly-spend) and ?acknowledged=true|false; publishedAt is when the broker confirmed the bus message.");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<BudgetAlertView>>, ValidationProblem>> GetAsync(string? budgetId, string? period,
        string? kind, bool? acknowledged, HttpContext http, IQuerySession session, CancellationToken cancellationToken)
    {
        if (kind is not null && !AlertKinds.All.Contains(kind))
            return Problems.Invalid([new("kind", $"'{kind}' is not an alert kind; use {string.Join(", ", AlertKinds.All)}")]);
        var query = session.Query<BudgetAlert>().AsQueryable();
        if (budgetId is not null) query = query.Where(a => a.BudgetId == budgetId);
        if (period is not null) query = query.Where(a => a.Period == period);
        // Alerts stored before kinds existed hold none: they are threshold alerts.
        if (kind == AlertKinds.Threshold) query = query.Where(a => a.Kind == kind || a.Kind == null);
        else if (kind is not null) query = query.Where(a => a.Kind == kind);
        if (acknowledged == true) query = query.Where(a => a.AcknowledgedAt != null);
        if (acknowledged == false) query = query.Where(a => a.AcknowledgedAt == null);
        // A team key sees its teams' budgets only (BudgetScope.VisibleTo), filtered before the limit: other teams' alerts
        // never take the places of its own.
        var teams = http.ApiKey().Teams.ToArray();
        if (teams.Length > 0) query = query.Where(a => a.Scope.Kind == BudgetScope.Team && teams.Contains(a.Scope.Value));
        var alerts = await query.OrderByDescending(a => a.CrossedAt).Take(Limit).ToListAsync(cancellationToken);
        IReadOnlyList<BudgetAlertView> visible = alerts.Where(a => a.Scope.VisibleTo(teams)).Select(BudgetAlertView.Of).ToList();
        return TypedResults.Ok(visible);
    }
}
