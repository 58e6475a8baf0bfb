namespace AiFinOps.Ingest.Catalogue;

public static class RefusalProblem
{
    /// <summary>The refusal as RFC 9457 problem details: 400, 404 or 409, always with <c>errors</c> naming the field.</summary>
    public static IResult ToProblem(this Refusal refusal, string title)
    {
        var errors = new Dictionary<string, string[]> { [refusal.Field] = [refusal.Reason] };
        return refusal.Kind switch
        {
            RefusalKind.Invalid => Results.ValidationProblem(errors, detail: refusal.Reason, title: title),
            RefusalKind.NotFound => Results.Problem(statusCode: 404, title: title, detail: refusal.Reason,
                extensions: new Dictionary<string, object?> { ["errors"] = errors }),
            _ => Results.Problem(statusCode: 409, title: title, detail: refusal.Reason,
                extensions: new Dictionary<string, object?> { ["errors"] = errors }),
        };
    }
}
