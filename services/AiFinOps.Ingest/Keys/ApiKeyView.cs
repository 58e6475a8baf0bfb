namespace AiFinOps.Ingest.Keys;

/// <summary>A key as the API shows it. <see cref="Key"/> is present once, in the answer that issued it.</summary>
public sealed record ApiKeyView(
    string KeyId,
    string Name,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> Teams,
    IReadOnlyList<string> Environments,
    DateTimeOffset IssuedAt,
    DateTimeOffset? RevokedAt,
    string? Key = null)
{
    public static ApiKeyView Of(ApiKey key, string? secret = null) =>
        new(key.Id, key.Name, key.Scopes, key.Teams, key.Environments, key.IssuedAt, key.RevokedAt, secret);
}
