using AiFinOps.ServiceDefaults.Security;

namespace AiFinOps.Ingest.Keys;

/// <summary>Issue a key with these rights. Empty teams or environments mean the key is not restricted.</summary>
public sealed record IssueKey(string? Name, IReadOnlyList<string>? Scopes, IReadOnlyList<string>? Teams, IReadOnlyList<string>? Environments);

/// <summary>Pure decisions over API keys: (command, state) → events or the errors per field.</summary>
public static class ApiKeyDecisions
{
    public static (ApiKeyIssued? Issued, Dictionary<string, string[]> Errors) Issue(IssueKey command, string keyId, string keyHash, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        var name = command.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100) errors["name"] = ["a name of 1 to 100 characters is required, e.g. \"support-bot prod\""];

        var scopes = (command.Scopes ?? []).Select(s => s?.Trim().ToLowerInvariant() ?? "").Distinct().ToList();
        if (scopes.Count == 0) errors["scopes"] = [$"at least one scope is required: {string.Join(", ", ApiScopes.All)}"];
        else if (scopes.FirstOrDefault(s => !ApiScopes.IsKnown(s)) is { } unknown)
            errors["scopes"] = [$"'{unknown}' is not a scope; use {string.Join(", ", ApiScopes.All)}"];

        var teams = Names(command.Teams, "teams", errors);
        var environments = Names(command.Environments, "environments", errors);
        if (scopes.Contains(ApiScopes.Admin) && (teams.Count > 0 || environments.Count > 0))
            errors["scopes"] = ["an admin key cannot be restricted to teams or environments"];

        return errors.Count > 0
            ? (null, errors)
            : (new ApiKeyIssued(keyId, name, keyHash, scopes, teams, environments, now), errors);
    }

    public static ApiKeyRevoked? Revoke(ApiKey key, DateTimeOffset now) => key.IsRevoked ? null : new ApiKeyRevoked(key.Id, now);

    private static List<string> Names(IReadOnlyList<string>? values, string field, Dictionary<string, string[]> errors)
    {
        var names = (values ?? []).Select(v => v?.Trim() ?? "").Distinct().ToList();
        if (names.Any(n => n.Length is 0 or > 256)) errors[field] = ["each entry must be 1 to 256 characters"];
        return names;
    }
}
