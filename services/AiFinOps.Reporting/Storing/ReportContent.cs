using System.Security.Cryptography;
using System.Text.Json;

namespace AiFinOps.Reporting.Storing;

/// <summary>Pure: the fingerprint of a report's content, so the same inputs are recognised as the same version.</summary>
public static class ReportContent
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Hash<T>(T report) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(report, Json)));
}
