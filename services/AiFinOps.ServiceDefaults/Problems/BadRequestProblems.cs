using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace AiFinOps.ServiceDefaults.Problems;

/// <summary>
/// Pure translation of a request the endpoint could not even bind (a JSON body of the wrong shape, no body, text that is
/// not UTF-8, a query value of the wrong type) into the field at fault and why, for RFC 9457 problem details.
/// </summary>
public static partial class BadRequestProblems
{
    /// <summary>The field and reason, and the status to answer with; null when the exception is not the caller's fault.</summary>
    public static (int Status, string Field, string Reason)? Explain(Exception exception) => exception switch
    {
        BadHttpRequestException bad when Innermost(bad) is DecoderFallbackException => (400, FieldOf(bad), NotUtf8),
        BadHttpRequestException { InnerException: JsonException json } bad =>
            (bad.StatusCode, FieldOf(json), $"is not valid here: {Innermost(json).Message.Split(" Path:")[0]}"),
        BadHttpRequestException bad when BindFailure().Match(bad.Message) is { Success: true } m =>
            (bad.StatusCode, m.Groups["name"].Value, $"'{m.Groups["value"].Value}' is not a valid {Readable(m.Groups["type"].Value)}"),
        BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status415UnsupportedMediaType =>
            (bad.StatusCode, "body", "must be JSON sent with Content-Type: application/json"),
        BadHttpRequestException bad when bad.Message.Contains("no body was provided", StringComparison.Ordinal)
                                         || bad.Message.Contains("was not provided from body", StringComparison.Ordinal) =>
            (bad.StatusCode, "body", "is required: a JSON object"),
        BadHttpRequestException bad => (bad.StatusCode, "request", bad.Message),
        // A JsonElement body is parsed lazily: its strings are decoded, and found not to be UTF-8, by the endpoint.
        InvalidOperationException when Innermost(exception) is DecoderFallbackException => (400, "body", NotUtf8),
        _ => null,
    };

    private const string NotUtf8 = "is not valid UTF-8 text";

    private static string FieldOf(Exception exception)
    {
        var json = exception as JsonException ?? exception.InnerException as JsonException;
        var path = json?.Path;
        return path is null or "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
    }

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null) exception = exception.InnerException;
        return exception;
    }

    /// <summary><c>Nullable&lt;bool&gt;</c> reads as <c>bool</c>: the caller sent a value, so it is not about nullability.</summary>
    private static string Readable(string type) => NullableType().Replace(type, "$1");

    [GeneratedRegex("""^Failed to bind parameter "(?<type>.+) (?<name>[^ "]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex BindFailure();

    [GeneratedRegex("^Nullable<(.+)>$")]
    private static partial Regex NullableType();
}
