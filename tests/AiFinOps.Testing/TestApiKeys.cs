using AiFinOps.ServiceDefaults.Security;

namespace AiFinOps.Testing;

/// <summary>Stands in for ingest's key store: the auth boundary these service tests may fake.</summary>
public sealed class TestApiKeys : IApiKeyVerifier
{
    public const string Reader = "test-reader";
    public const string Admin = "test-admin";
    public const string Ingest = "test-ingest";

    /// <summary>A read key restricted to one team.</summary>
    public static string ReaderOf(string team) => "test-reader-of:" + team;

    public Task<ApiKeyIdentity?> VerifyAsync(string presentedKey, CancellationToken cancellationToken) =>
        Task.FromResult(presentedKey switch
        {
            Reader => Identity(presentedKey, [ApiScopes.Read]),
            Admin => Identity(presentedKey, [ApiScopes.Admin]),
            Ingest => Identity(presentedKey, [ApiScopes.Ingest]),
            _ when presentedKey.StartsWith("test-reader-of:", StringComparison.Ordinal) =>
                Identity(presentedKey, [ApiScopes.Read], [presentedKey["test-reader-of:".Length..]]),
            _ => null,
        });

    private static ApiKeyIdentity Identity(string key, string[] scopes, string[]? teams = null) =>
        new(key, key, scopes, teams ?? [], []);
}
