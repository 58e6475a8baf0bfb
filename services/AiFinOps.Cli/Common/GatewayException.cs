using System.Net;
using System.Text;
using System.Text.Json;

namespace AiFinOps.Cli.Common;

/// <summary>A failed REST call, explained from the RFC 9457 problem details the services return.</summary>
public sealed class GatewayException(string message, HttpStatusCode? status = null) : Exception(message)
{
    public HttpStatusCode? Status { get; } = status;

    public static GatewayException Unreachable(Uri gateway, Exception cause) => new(
        $"Cannot reach the gateway at {gateway}: {cause.Message} Is the AppHost running (dotnet run --project AiFinOps.AppHost)?");

    public static GatewayException FromResponse(HttpStatusCode status, string? reason, string body)
    {
        var message = new StringBuilder($"{(int)status} {reason ?? status.ToString()}");
        if (TryReadProblem(body) is { } problem)
        {
            if (Text(problem, "title") is { } title) message.Append($": {title}");
            if (Text(problem, "detail") is { } detail) message.Append($" — {detail}");
            if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in errors.EnumerateObject())
                {
                    var reasons = field.Value.ValueKind == JsonValueKind.Array
                        ? string.Join("; ", field.Value.EnumerateArray().Select(e => e.ToString()))
                        : field.Value.ToString();
                    message.Append($"{Environment.NewLine}  {field.Name}: {reasons}");
                }
            }
        }
        else if (!string.IsNullOrWhiteSpace(body))
        {
            message.Append($": {body.Trim()[..Math.Min(body.Trim().Length, 300)]}");
        }
        if (status == HttpStatusCode.Unauthorized)
            message.Append($"{Environment.NewLine}Pass a valid API key with --key or {CommonOptions.ApiKeyVariable}.");
        if (status == HttpStatusCode.Forbidden)
            message.Append($"{Environment.NewLine}The key lacks the scope this needs (keys: admin; spend: read).");
        return new GatewayException(message.ToString(), status);
    }

    private static JsonElement? TryReadProblem(string body)
    {
        try
        {
            var json = JsonSerializer.Deserialize<JsonElement>(body);
            return json.ValueKind == JsonValueKind.Object ? json : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement problem, string name) =>
        problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
