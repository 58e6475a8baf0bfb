using AiFinOps.Budgeting.Budgets.ManagingBudgets;
using AiFinOps.Budgeting.Budgets.OrgMonthlySpend;
using AiFinOps.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiFinOps.Budgeting.Budgets.ImportingBudgets;

/// <summary>A row of an import that was not applied: where, which field, why.</summary>
public sealed record ImportRowError(int Line, string Field, string Reason);

public sealed record BudgetImport(int Defined, IReadOnlyList<string> BudgetIds, IReadOnlyList<ImportRowError> Rejected);

public static class BudgetImportEndpoint
{
    private const int MaxBytes = 5 * 1024 * 1024;

    public static IEndpointRouteBuilder MapBudgetImport(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/budgets/imports/csv", ImportAsync).RequireScope(ApiScopes.Finance).WithName("ImportBudgetsCsv")
            .Accepts<string>("text/csv")
            .WithSummary("Defines budgets from a CSV (columns id, name, scope, period, amountUsd, thresholds, owner, recipients). Every row is validated; nothing is applied when any row is bad unless ?partial=true.");
        return app;
    }

    private static async Task<Results<Ok<BudgetImport>, ValidationProblem>> ImportAsync(bool? partial, HttpContext http,
        BudgetCommands commands, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (http.Request.ContentLength > MaxBytes) return Invalid([new ImportRowError(0, "body", $"the file is larger than {MaxBytes} bytes")]);
        using var reader = new StreamReader(http.Request.Body);
        var (rows, headerErrors) = BudgetCsv.Parse(await reader.ReadToEndAsync(cancellationToken));
        if (headerErrors.Count > 0) return Invalid(headerErrors.Select(e => new ImportRowError(1, e.Field, e.Reason)).ToList());
        if (rows.Count == 0) return Invalid([new ImportRowError(2, "row", "the file holds no budgets")]);

        var key = http.ApiKey();
        var now = clock.GetUtcNow();
        var rejected = new List<ImportRowError>();
        var commandsToRun = new List<(int Line, DefineBudget Command)>();
        foreach (var row in rows)
        {
            var errors = row.Errors.ToList();
            var (terms, termErrors) = row.Draft.Validate();
            errors.AddRange(termErrors.Where(e => !errors.Any(f => f.Field == e.Field)));
            if (terms is not null && !terms.Scope.VisibleTo(key.Teams)) errors.Add(new("scope", $"'{terms.Scope}' is outside this key's teams"));
            if (row.Id is not null && OrgMonthlySpendBudget.Is(row.Id)) errors.Add(new("id", $"'{row.Id}' is the org-wide monthly alert, set by Budgeting:OrgMonthlyAlertUsd"));
            if (errors.Count > 0) rejected.AddRange(errors.Select(e => new ImportRowError(row.Line, e.Field, e.Reason)));
            else commandsToRun.Add((row.Line, new DefineBudget(row.Id ?? BudgetEndpoints.NewId(), row.Draft, now, key.Name)));
        }
        var applyAnyway = partial == true;
        if (rejected.Count > 0 && !applyAnyway) return Invalid(rejected);

        var decisions = await commands.DefineAsync(commandsToRun.Select(c => c.Command).ToList(), applyAnyway, cancellationToken);
        for (var i = 0; i < decisions.Count; i++)
        {
            rejected.AddRange(decisions[i].Decision.Errors.Select(e => new ImportRowError(commandsToRun[i].Line, e.Field, e.Reason)));
        }
        if (rejected.Count > 0 && !applyAnyway) return Invalid(rejected);
        var defined = decisions.Where(d => d.Decision.Accepted).Select(d => d.Command.BudgetId).ToList();
        return TypedResults.Ok(new BudgetImport(defined.Count, defined, rejected.OrderBy(r => r.Line).ToList()));
    }

    /// <summary>Problem details keyed <c>line N: field</c>, with the rows also listed as <c>rows</c>.</summary>
    private static ValidationProblem Invalid(IReadOnlyList<ImportRowError> errors) =>
        TypedResults.ValidationProblem(
            errors.GroupBy(e => $"line {e.Line}: {e.Field}").ToDictionary(g => g.Key, g => g.Select(e => e.Reason).ToArray()),
            detail: $"{errors.Select(e => e.Line).Distinct().Count()} row(s) are invalid; nothing was imported",
            extensions: new Dictionary<string, object?> { ["rows"] = errors });
}
