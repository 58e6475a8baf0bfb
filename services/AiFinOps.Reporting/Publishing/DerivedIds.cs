using System.Security.Cryptography;
using System.Text;

namespace AiFinOps.Reporting.Publishing;

/// <summary>Pure: a UUID (version 8) from the SHA-256 of a name, so the same report version always gets the same message ids.</summary>
public static class DerivedIds
{
    public static Guid Of(string name)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(name))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
