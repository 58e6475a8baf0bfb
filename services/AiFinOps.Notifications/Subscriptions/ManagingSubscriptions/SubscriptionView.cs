namespace AiFinOps.Notifications.Subscriptions.ManagingSubscriptions;

/// <summary>
/// A subscription as the REST API shows it: everything but the secrets — the signing secret, of which it only says
/// whether there is one, and the webhook URL, shown masked (<see cref="WebhookUrlMask"/>): its path often is the secret.
/// </summary>
public sealed record SubscriptionView(
    string Id,
    string Name,
    string Kind,
    string? Url,
    string? Format,
    IReadOnlyList<string> Addresses,
    AlertFilter Filter,
    bool HasSecret,
    bool Enabled,
    DateTimeOffset DefinedAt,
    DateTimeOffset UpdatedAt)
{
    public static SubscriptionView Of(Subscription s) => new(s.Id, s.Terms.Name, s.Terms.Kind,
        s.Terms.Url is { } url ? WebhookUrlMask.Of(url) : null, s.Terms.Format,
        s.Terms.Addresses, s.Terms.Filter, s.Terms.Secret is not null, s.Terms.Enabled, s.DefinedAt, s.UpdatedAt);
}
