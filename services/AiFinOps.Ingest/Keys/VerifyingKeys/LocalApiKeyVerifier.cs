using AiFinOps.ServiceDefaults.Security;
using Marten;
using Microsoft.Extensions.Caching.Memory;

namespace AiFinOps.Ingest.Keys.VerifyingKeys;

/// <summary>
/// Ingest owns the keys, so it verifies them against its own store: the bootstrap admin key from
/// <c>AIFINOPS_ADMIN_KEY</c>, then issued keys by hash (cached 30 s, forgotten at once on revocation here).
/// </summary>
public sealed class LocalApiKeyVerifier(IDocumentStore store, IMemoryCache cache, IConfiguration configuration) : IApiKeyVerifier
{
    public const string AdminKeyVariable = "AIFINOPS_ADMIN_KEY";
    private static readonly ApiKeyIdentity BootstrapAdmin = new("bootstrap-admin", "bootstrap admin", [ApiScopes.Admin], [], []);

    public async Task<ApiKeyIdentity?> VerifyAsync(string presentedKey, CancellationToken cancellationToken)
    {
        var adminKey = configuration[AdminKeyVariable];
        if (!string.IsNullOrEmpty(adminKey) && KeyHash.SameKey(presentedKey, KeyHash.Of(adminKey))) return BootstrapAdmin;

        var hash = KeyHash.Of(presentedKey);
        return await cache.GetOrVerifyAsync(hash, async () =>
        {
            await using var session = store.QuerySession();
            var key = await session.Query<ApiKey>().FirstOrDefaultAsync(k => k.KeyHash == hash, cancellationToken);
            return key is null || key.IsRevoked ? null : new ApiKeyIdentity(key.Id, key.Name, key.Scopes, key.Teams, key.Environments);
        });
    }

    public void Forget(string keyHash) => cache.Remove(KeyVerificationCache.Key(keyHash));
}
