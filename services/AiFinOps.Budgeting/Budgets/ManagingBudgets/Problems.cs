using Microsoft.AspNetCore.Http.HttpResults;

namespace AiFinOps.Budgeting.Budgets.ManagingBudgets;

/// <summary>RFC 9457 problem details for budget commands: every bad field with its reason.</summary>
public static class Problems
{
    public static ValidationProblem Invalid(IEnumerable<FieldError> errors) =>
        TypedResults.ValidationProblem(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Reason).ToArray()));

    public static ProblemHttpResult Of(BudgetDecision decision, int status) =>
        TypedResults.Problem(
            title: status == StatusCodes.Status404NotFound ? "No such budget" : "The budget does not allow this",
            detail: string.Join("; ", decision.Errors.Select(e => e.Reason)),
            statusCode: status,
            extensions: new Dictionary<string, object?> { ["errors"] = decision.Errors.ToDictionary(e => e.Field, e => new[] { e.Reason }) });

    public static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(title: "No such budget", detail: $"no budget '{id}' that this key may see", statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult OutsideTeams(string scope) =>
        TypedResults.Problem(title: "Outside this key's teams",
            detail: $"this key manages budgets of its own teams only (scope team:NAME); '{scope}' is not one of them",
            statusCode: StatusCodes.Status403Forbidden,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["scope"] = ["outside this key's teams"] } });

    public static ProblemHttpResult ConfiguredBudget(string id) =>
        TypedResults.Problem(title: "Configuration owns this budget",
            detail: $"budget '{id}' is the org-wide monthly alert: set Budgeting:OrgMonthlyAlertUsd to change it (0 turns it off)",
            statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["id"] = ["owned by configuration"] } });
}
