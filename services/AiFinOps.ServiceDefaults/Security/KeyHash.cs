using System.Security.Cryptography;
using System.Text;

namespace AiFinOps.ServiceDefaults.Security;

/// <summary>Keys are stored and cached only as SHA-256 hashes; they are long random strings, so no salt is needed.</summary>
public static class KeyHash
{
    public static string Of(string presentedKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey)));

    public static bool SameKey(string presentedKey, string expectedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Of(presentedKey)), Encoding.ASCII.GetBytes(expectedHash));
}
