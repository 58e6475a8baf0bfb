using System.Security.Cryptography;
using System.Text;

namespace AiFinOps.Notifications.Deliveries;

/// <summary>
/// Where one delivery of an alert goes, as a key unique per alert: <c>subscription:ID</c> (a webhook or e-mail
/// subscription), <c>webhook:NAME</c> (a recipient naming no subscription, which fails visibly at send time unless one
/// appears), or <c>email:ADDRESS</c> (an alert's own e-mail recipient). <see cref="Channel"/> is <c>webhook</c> or <c>email</c>.
/// </summary>
public sealed record DeliveryTarget(string Key, string Channel, string? SubscriptionId)
{
    public const string SubscriptionPrefix = "subscription:";
    public const string WebhookPrefix = "webhook:";
    public const string EmailPrefix = "email:";

    public static DeliveryTarget ToSubscription(string subscriptionId, string kind) => new(SubscriptionPrefix + subscriptionId, kind, subscriptionId);

    public static DeliveryTarget ToWebhookNamed(string name) => new(WebhookPrefix + name, "webhook", null);

    public static DeliveryTarget ToEmail(string address) => new(EmailPrefix + address.ToLowerInvariant(), "email", null);

    /// <summary>
    /// The delivery's id: the same for the same alert and target every time (a redelivered <c>AlertRaised</c> finds its
    /// deliveries by primary key), a UUID of version 8 made from SHA-256 of both.
    /// </summary>
    public Guid DeliveryIdFor(Guid alertId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"aifinops.delivery|{alertId:N}|{Key}"), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
