using System.Security.Cryptography;
using System.Text;

namespace AiFinOps.Notifications.Subscriptions;

/// <summary>
/// A webhook URL as the API shows it. Slack's incoming webhooks, and many others, carry their secret in the path or
/// the query, so outside storage and the delivery worker a URL is shown as scheme, host (and port) and a fingerprint
/// of the whole URL: <c>https://hooks.slack.com/…(a1b2c3)</c>. The fingerprint tells two URLs of one host apart and
/// lets an operator check a URL they hold (<see cref="Of"/> on it) without revealing it.
/// </summary>
public static class WebhookUrlMask
{
    /// <summary>Marks a masked URL; no webhook URL the API accepts contains it.</summary>
    public const string Ellipsis = "…";

    public static string Of(string url)
    {
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)))[..6];
        var origin = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : "";
        return $"{origin}/{Ellipsis}({fingerprint})";
    }

    /// <summary>Whether <paramref name="url"/> is a masked form (of any URL), which cannot be stored as a webhook.</summary>
    public static bool IsMasked(string url) => url.Contains(Ellipsis, StringComparison.Ordinal);
}
