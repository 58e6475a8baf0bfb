using Microsoft.Extensions.Caching.Memory;

namespace AiFinOps.ServiceDefaults.Security;

/// <summary>
/// How long a verification answer is trusted, by key hash: a valid key 30 s (so a revocation reaches every service
/// within 30 s), an unknown key 5 s (so a newly issued key works almost at once).
/// </summary>
public static class KeyVerificationCache
{
    public static string Key(string keyHash) => "apikey:" + keyHash;

    public static async Task<ApiKeyIdentity?> GetOrVerifyAsync(this IMemoryCache cache, string keyHash, Func<Task<ApiKeyIdentity?>> verify)
    {
        if (cache.TryGetValue(Key(keyHash), out ApiKeyIdentity? known)) return known;
        var identity = await verify();
        cache.Set(Key(keyHash), identity, identity is null ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(30));
        return identity;
    }
}
