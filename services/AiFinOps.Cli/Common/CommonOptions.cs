using System.CommandLine;

namespace AiFinOps.Cli.Common;

/// <summary>Options several commands share. Each call makes a new instance: an option belongs to one command.</summary>
public static class CommonOptions
{
    public const string ApiKeyVariable = "AIFINOPS_API_KEY";
    public const string DefaultGateway = "http://localhost:8080";

    public static Option<string?> ApiKey() => new("--key")
    {
        Description = $"API key (default: the {ApiKeyVariable} environment variable)",
    };

    public static Option<Uri> Gateway() => new("--gateway")
    {
        Description = "The REST gateway",
        DefaultValueFactory = _ => new Uri(DefaultGateway),
        CustomParser = AbsoluteUri,
    };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON instead of tables" };

    /// <summary>Comma-separated values (<c>--scopes ingest,read</c>), also repeatable (<c>--scopes ingest --scopes read</c>).</summary>
    public static Option<string[]> List(string name, string description) => new(name)
    {
        Description = description,
        AllowMultipleArgumentsPerToken = false,
        DefaultValueFactory = _ => [],
        CustomParser = result => [.. result.Tokens
            .SelectMany(token => token.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal)],
    };

    /// <summary>The key from <c>--key</c>, else the environment.</summary>
    public static string? ResolveApiKey(string? fromOption) =>
        !string.IsNullOrWhiteSpace(fromOption) ? fromOption : Environment.GetEnvironmentVariable(ApiKeyVariable) is { Length: > 0 } key ? key : null;

    public static Uri AbsoluteUri(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return uri;
        result.AddError($"'{text}' is not an http:// or https:// address.");
        return null!;
    }
}
