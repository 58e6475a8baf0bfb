namespace AiFinOps.Allocation.Rules;

public static class RefusalProblem
{
    /// <summary>The refusal as RFC 9457 problem details: 400, 404 or 409, always with <c>errors</c> naming each field.</summary>
    public static IResult ToProblem(this Refusal refusal, string title)
    {
        var errors = refusal.Errors.ToDictionary(e => e.Key, e => e.Value);
        return refusal.Kind switch
        {
            RefusalKind.Invalid => Results.ValidationProblem(errors, detail: refusal.Detail, title: title),
            RefusalKind.NotFound => Results.Problem(statusCode: 404, title: title, detail: refusal.Detail,
                extensions: new Dictionary<string, object?> { ["errors"] = errors }),
            _ => Results.Problem(statusCode: 409, title: title, detail: refusal.Detail,
                extensions: new Dictionary<string, object?> { ["errors"] = errors }),
        };
    }

    /// <summary>Rules apply to the whole organisation: a key restricted to some teams may read them, never change them.</summary>
    public static IResult TeamKeyCannotChangeRules() => Results.Problem(statusCode: 403, title: "Forbidden",
        detail: "A team-restricted key cannot change allocation rules, which apply to the whole organisation.");
}
