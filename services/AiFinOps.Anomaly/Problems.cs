using Microsoft.AspNetCore.Http.HttpResults;

namespace AiFinOps.Anomaly;

/// <summary>RFC 9457 problem details for anomaly's commands: every bad field with its reason.</summary>
public static class Problems
{
    public static ValidationProblem Invalid(IEnumerable<FieldError> errors) =>
        TypedResults.ValidationProblem(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Reason).ToArray()));

    public static ProblemHttpResult Conflict(string title, IReadOnlyList<FieldError> errors) =>
        TypedResults.Problem(title: title, detail: string.Join("; ", errors.Select(e => e.Reason)), statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["errors"] = errors.ToDictionary(e => e.Field, e => new[] { e.Reason }) });

    public static ProblemHttpResult NotFound(string what, string id) =>
        TypedResults.Problem(title: $"No such {what}", detail: $"no {what} '{id}' that this key may see", statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult OutsideTeams(string field, string team) =>
        TypedResults.Problem(title: "Outside this key's teams",
            detail: $"this key manages its own teams' workflows only; '{team}' is not one of them",
            statusCode: StatusCodes.Status403Forbidden,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = ["outside this key's teams"] } });
}
