using System.Text.Json;

namespace AiFinOps.Allocation.Rules;

/// <summary>
/// Reads a JSON request body so that a malformed one is refused with the field at fault (<c>effectiveFrom</c>,
/// <c>consumers[0].percent</c>) and why, as RFC 9457 problem details, instead of a bare 400.
/// </summary>
public static class RequestBody
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken) where T : class
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, Json, cancellationToken);
            return body is null ? (null, Invalid("body", "is required: a JSON object")) : (body, null);
        }
        catch (JsonException e)
        {
            var field = e.Path is null or "$" ? "body" : e.Path.StartsWith("$.", StringComparison.Ordinal) ? e.Path[2..] : e.Path;
            return (null, Invalid(field, $"is not valid JSON of the expected type ({e.Message.Split(" Path:")[0]})"));
        }
    }

    private static IResult Invalid(string field, string reason) =>
        Refusal.Invalid(field, reason).ToProblem("The request body is invalid");
}
