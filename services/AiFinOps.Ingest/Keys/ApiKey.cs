namespace AiFinOps.Ingest.Keys;

/// <summary>A key was issued. Only the SHA-256 hash of the secret is kept.</summary>
public sealed record ApiKeyIssued(
    string KeyId,
    string Name,
    string KeyHash,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> Teams,
    IReadOnlyList<string> Environments,
    DateTimeOffset IssuedAt);

/// <summary>A key was revoked: it stops working everywhere within the verification cache time (30 s).</summary>
public sealed record ApiKeyRevoked(string KeyId, DateTimeOffset RevokedAt);

/// <summary>One API key's stream folded into its current state (an inline snapshot, rebuilt from the events).</summary>
public sealed record ApiKey(
    string Id,
    string Name,
    string KeyHash,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> Teams,
    IReadOnlyList<string> Environments,
    DateTimeOffset IssuedAt,
    DateTimeOffset? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;

    public static ApiKey Create(ApiKeyIssued issued) =>
        new(issued.KeyId, issued.Name, issued.KeyHash, issued.Scopes, issued.Teams, issued.Environments, issued.IssuedAt, null);

    public ApiKey Apply(ApiKeyRevoked revoked) => this with { RevokedAt = RevokedAt ?? revoked.RevokedAt };
}
