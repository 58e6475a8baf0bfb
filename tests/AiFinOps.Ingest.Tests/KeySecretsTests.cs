using System.Text.RegularExpressions;
using AiFinOps.Ingest.Keys;
using AiFinOps.ServiceDefaults.Security;

namespace AiFinOps.Ingest.Tests;

public sealed partial class KeySecretsTests
{
    [GeneratedRegex("^afo_(?<id>[0-9a-f]{12})_(?<secret>[A-Za-z0-9_-]{43})$")]
    private static partial Regex KeyFormat();

    [Fact]
    public void A_new_key_reads_afo_then_its_id_then_a_url_safe_256_bit_secret()
    {
        var (keyId, key) = KeySecrets.Generate();

        var match = KeyFormat().Match(key);
        Assert.True(match.Success, key);
        Assert.Equal(keyId, match.Groups["id"].Value);
        // 43 base64url characters without padding carry 256 bits.
        Assert.Equal(32, Convert.FromBase64String(match.Groups["secret"].Value.Replace('-', '+').Replace('_', '/') + "=").Length);
    }

    [Fact]
    public void Every_new_key_and_key_id_is_different()
    {
        var keys = Enumerable.Range(0, 2_000).Select(_ => KeySecrets.Generate()).ToList();

        Assert.Equal(keys.Count, keys.Select(k => k.KeyId).Distinct().Count());
        Assert.Equal(keys.Count, keys.Select(k => k.Key).Distinct().Count());
        Assert.All(keys, k => Assert.Matches(KeyFormat(), k.Key));
    }

    [Fact]
    public void A_key_is_recognised_by_its_hash_and_only_by_it()
    {
        var (_, key) = KeySecrets.Generate();
        var (_, other) = KeySecrets.Generate();
        var hash = KeyHash.Of(key);

        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.Equal(hash, KeyHash.Of(key));
        Assert.True(KeyHash.SameKey(key, hash));
        Assert.False(KeyHash.SameKey(other, hash));
    }
}
