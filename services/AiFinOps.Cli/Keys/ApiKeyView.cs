namespace AiFinOps.Cli.Keys;

/// <summary>A key as the keys API returns it; <see cref="Key"/> (the secret) only in the answer to its creation.</summary>
public sealed record ApiKeyView(
    string KeyId,
    string? Key,
    string Name,
    string[]? Scopes,
    string[]? Teams,
    string[]? Environments,
    DateTimeOffset? IssuedAt,
    DateTimeOffset? RevokedAt)
{
    public static string Restriction(string[]? values) => values is { Length: > 0 } ? string.Join(", ", values) : "(all)";
}
