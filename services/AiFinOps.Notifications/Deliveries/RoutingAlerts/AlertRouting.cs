using AiFinOps.Contracts.Messages;
using AiFinOps.Notifications.Subscriptions;

namespace AiFinOps.Notifications.Deliveries.RoutingAlerts;

/// <summary>
/// Where an alert goes (pure): every active subscription whose filter lets it through, then each of the alert's own
/// recipients — <c>webhook:NAME</c> to the subscription of that name (filter or not: the raiser asked for it), an
/// e-mail address to that address. A target named twice is delivered once.
/// </summary>
public static class AlertRouting
{
    public static IReadOnlyList<DeliveryTarget> Route(AlertRaised alert, IReadOnlyList<Subscription> subscriptions)
    {
        var current = subscriptions.Where(s => !s.Removed).ToList();
        var targets = current.Where(s => s.Active && s.Terms.Filter.Matches(alert)).OrderBy(s => s.Id, StringComparer.Ordinal)
            .Select(s => DeliveryTarget.ToSubscription(s.Id, s.Terms.Kind)).ToList();

        foreach (var recipient in alert.Recipients.Select(r => r?.Trim() ?? "").Where(r => r.Length > 0))
        {
            if (recipient.StartsWith(DeliveryTarget.WebhookPrefix, StringComparison.Ordinal))
            {
                var name = recipient[DeliveryTarget.WebhookPrefix.Length..];
                var named = current.FirstOrDefault(s => s.Terms.Name == name);
                targets.Add(named is null ? DeliveryTarget.ToWebhookNamed(name) : DeliveryTarget.ToSubscription(named.Id, named.Terms.Kind));
            }
            else
            {
                targets.Add(DeliveryTarget.ToEmail(recipient));
            }
        }
        return targets.DistinctBy(t => t.Key, StringComparer.Ordinal).ToList();
    }
}
