using System.Security.Cryptography;
using System.Text;

namespace AiFinOps.Notifications.Deliveries.Payloads;

/// <summary>
/// <c>X-AiFinOps-Signature: sha256=&lt;hex&gt;</c>: the lower-case hex HMAC-SHA256 of the exact request body, keyed
/// with the subscription's secret (UTF-8). Receivers recompute it over the raw body and compare in constant time.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-AiFinOps-Signature";
    public const string Prefix = "sha256=";

    public static string Of(ReadOnlySpan<byte> body, string secret) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static bool Verify(ReadOnlySpan<byte> body, string secret, string? header) =>
        header is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Of(body, secret)), Encoding.ASCII.GetBytes(header));
}
