using System.Text.Json;
using AiFinOps.Budgeting.Budgets.OrgMonthlySpend;
using AiFinOps.ServiceDefaults.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiFinOps.Budgeting.Budgets.ManagingBudgets;

/// <summary>Budgets CRUD. Writing needs the finance scope; a team-restricted key sees and manages its teams' budgets only.</summary>
public static class BudgetEndpoints
{
    public static IEndpointRouteBuilder MapBudgets(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/budgets", DefineAsync).RequireScope(ApiScopes.Finance).WithName("DefineBudget")
            .WithSummary("Defines a budget: scope (org, team:X, workflow:X, environment:X, cost-centre:X, tag:K=V), monthly or quarterly, amount in USD, thresholds (default [80, 100]), owner, recipients.");
        app.MapGet("/api/v1/budgets", ListAsync).RequireScope(ApiScopes.Read).WithName("ListBudgets")
            .WithSummary("The budgets this key may see; archived ones with ?includeArchived=true.");
        app.MapGet("/api/v1/budgets/{id}", GetAsync).RequireScope(ApiScopes.Read).WithName("GetBudget");
        app.MapPut("/api/v1/budgets/{id}", AmendAsync).RequireScope(ApiScopes.Finance).WithName("AmendBudget")
            .WithSummary("Amends name, amount, thresholds, owner or recipients (scope and period stay); the current period's thresholds are re-evaluated at once.");
        app.MapDelete("/api/v1/budgets/{id}", ArchiveAsync).RequireScope(ApiScopes.Finance).WithName("ArchiveBudget")
            .WithSummary("Archives a budget: it raises no more alerts; its history stays.");
        return app;
    }

    private static async Task<Results<Created<BudgetView>, ValidationProblem, ProblemHttpResult>> DefineAsync(
        JsonElement body, HttpContext http, BudgetCommands commands, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (id, draft, errors) = BudgetRequest.Parse(body);
        var (terms, termErrors) = draft.Validate();
        if (errors.Count > 0 || terms is null) return Problems.Invalid([.. errors, .. termErrors]);
        if (id is not null && OrgMonthlySpendBudget.Is(id)) return Problems.ConfiguredBudget(id);
        var key = http.ApiKey();
        if (!terms.Scope.VisibleTo(key.Teams)) return Problems.OutsideTeams(terms.Scope.ToString());

        var command = new DefineBudget(id ?? NewId(), draft, clock.GetUtcNow(), key.Name);
        var (_, decision) = (await commands.DefineAsync([command], partial: false, cancellationToken))[0];
        if (!decision.Accepted)
            return decision.Conflict ? Problems.Of(decision, StatusCodes.Status409Conflict) : Problems.Invalid(decision.Errors);
        var budget = Budget.Create((BudgetDefined)decision.Events[0]);
        return TypedResults.Created($"/api/v1/budgets/{budget.Id}", BudgetView.Of(budget));
    }

    private static async Task<Ok<IReadOnlyList<BudgetView>>> ListAsync(bool? includeArchived, HttpContext http, IQuerySession session,
        CancellationToken cancellationToken)
    {
        var key = http.ApiKey();
        var budgets = includeArchived == true
            ? await session.Query<Budget>().ToListAsync(cancellationToken)
            : await session.Query<Budget>().Where(b => !b.Archived).ToListAsync(cancellationToken);
        IReadOnlyList<BudgetView> visible = budgets.Where(b => b.Terms.Scope.VisibleTo(key.Teams))
            .OrderBy(b => b.Id, StringComparer.Ordinal).Select(BudgetView.Of).ToList();
        return TypedResults.Ok(visible);
    }

    private static async Task<Results<Ok<BudgetView>, ProblemHttpResult>> GetAsync(string id, HttpContext http, IQuerySession session,
        CancellationToken cancellationToken) =>
        await VisibleAsync(id, http, session, cancellationToken) is { } budget
            ? TypedResults.Ok(BudgetView.Of(budget))
            : Problems.NotFound(id);

    private static async Task<Results<Ok<BudgetView>, ValidationProblem, ProblemHttpResult>> AmendAsync(string id, JsonElement body,
        HttpContext http, IQuerySession session, BudgetCommands commands, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await VisibleAsync(id, http, session, cancellationToken) is null) return Problems.NotFound(id);
        if (OrgMonthlySpendBudget.Is(id)) return Problems.ConfiguredBudget(id);
        var (bodyId, draft, errors) = BudgetRequest.Parse(body);
        if (bodyId is not null && bodyId != id) errors = [.. errors, new("id", $"the body names budget '{bodyId}', the path '{id}'")];
        if (errors.Count > 0) return Problems.Invalid([.. errors, .. draft.Validate().Errors]);

        var (decision, budget) = await commands.AmendAsync(id, new AmendBudget(draft, clock.GetUtcNow(), http.ApiKey().Name), cancellationToken);
        if (budget is null) return Problems.NotFound(id);
        if (!decision.Accepted)
            return decision.Conflict ? Problems.Of(decision, StatusCodes.Status409Conflict) : Problems.Invalid(decision.Errors);
        return TypedResults.Ok(BudgetView.Of(budget));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ArchiveAsync(string id, HttpContext http, IQuerySession session,
        BudgetCommands commands, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await VisibleAsync(id, http, session, cancellationToken) is null) return Problems.NotFound(id);
        if (OrgMonthlySpendBudget.Is(id)) return Problems.ConfiguredBudget(id);
        var decision = await commands.ArchiveAsync(id, new ArchiveBudget(clock.GetUtcNow(), http.ApiKey().Name), cancellationToken);
        return decision.Accepted ? TypedResults.NoContent() : Problems.NotFound(id);
    }

    /// <summary>The budget if this key may see it: another team's budget is as good as absent (404, not 403).</summary>
    public static async Task<Budget?> VisibleAsync(string id, HttpContext http, IQuerySession session, CancellationToken cancellationToken)
    {
        if (!BudgetDraft.IsBudgetId(id)) return null;
        var budget = await session.LoadAsync<Budget>(id, cancellationToken);
        return budget is not null && budget.Terms.Scope.VisibleTo(http.ApiKey().Teams) ? budget : null;
    }

    public static string NewId() => Guid.NewGuid().ToString("N")[..16];
}
