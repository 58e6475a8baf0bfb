using System.Security.Cryptography;

namespace AiFinOps.Ingest.Keys;

/// <summary>New keys look like <c>afo_&lt;key id&gt;_&lt;secret&gt;</c>: the id makes them recognisable in a key list, the
/// 256-bit secret makes them unguessable.</summary>
public static class KeySecrets
{
    public static (string KeyId, string Key) Generate()
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (keyId, $"afo_{keyId}_{secret}");
    }
}
