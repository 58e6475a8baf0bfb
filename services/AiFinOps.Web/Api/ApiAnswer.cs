using System.Net;
using System.Text.Json;

namespace AiFinOps.Web.Api;

/// <summary>
/// What a service answered to one read: the JSON body when it succeeded, else the status and the problem's detail
/// (RFC 9457), which pages show as they are — a 403 names the scope the key lacks.
/// </summary>
public sealed record ApiAnswer(HttpStatusCode Status, JsonElement Body, string? Problem)
{
    public bool IsOk => (int)Status is >= 200 and < 300;

    /// <summary>The key is unknown or revoked: the user must sign in again.</summary>
    public bool NeedsSignIn => Status == HttpStatusCode.Unauthorized;

    public bool IsForbidden => Status == HttpStatusCode.Forbidden;

    /// <summary>A sentence for the page: why the figures are not there.</summary>
    public string Explanation => Status switch
    {
        HttpStatusCode.Forbidden => "Your API key may not read this — " + (Problem ?? "it lacks the scope this page needs."),
        HttpStatusCode.Unauthorized => "Your API key is no longer accepted; sign in again.",
        HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout or 0 =>
            "The service did not answer" + (Problem is null ? "." : ": " + Problem) + " Try again in a moment.",
        _ => $"The service answered {(int)Status}" + (Problem is null ? "." : ": " + Problem),
    };

    public static ApiAnswer Unreachable(string reason) => new(0, default, reason);

    /// <summary>The problem's detail, else its per-field reasons (RFC 9457 validation problem), else its title.</summary>
    public static string? ProblemOf(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object) return null;
        if (body.TryGetProperty("detail", out var detail) && detail.GetString() is { Length: > 0 } text) return text;
        if (body.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
        {
            var reasons = errors.EnumerateObject().SelectMany(field => field.Value.EnumerateArray().Select(reason =>
                // Authentication problems name no field of the request: their reason says it all.
                field.Name == "authorization" ? reason.GetString() : $"{field.Name}: {reason.GetString()}")).ToList();
            if (reasons.Count > 0) return string.Join("; ", reasons);
        }
        return body.TryGetProperty("title", out var title) ? title.GetString() : null;
    }
}
