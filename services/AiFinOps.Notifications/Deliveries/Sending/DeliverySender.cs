using AiFinOps.Notifications.Subscriptions;
using Marten;

namespace AiFinOps.Notifications.Deliveries.Sending;

/// <summary>
/// Makes one attempt at a delivery through its channel. A subscription is read as it is now (its URL, format, secret
/// and addresses at the time of the attempt); one removed or disabled since the alert was routed ends the delivery.
/// </summary>
public sealed class DeliverySender(IDocumentStore store, WebhookSender webhooks, EmailSender email)
{
    public async Task<AttemptResult> SendAsync(DeliveryWork work, CancellationToken cancellationToken)
    {
        if (work.Target.StartsWith(DeliveryTarget.EmailPrefix, StringComparison.Ordinal))
            return await email.SendAsync([work.Target[DeliveryTarget.EmailPrefix.Length..]], work.Id, work.Alert, cancellationToken);

        var (subscription, missing) = await FindAsync(work, cancellationToken);
        if (subscription is null) return AttemptResult.Refused(missing);
        if (subscription.Removed) return AttemptResult.Refused($"subscription '{subscription.Terms.Name}' was removed");
        if (!subscription.Terms.Enabled) return AttemptResult.Refused($"subscription '{subscription.Terms.Name}' is disabled");
        return subscription.Terms.Kind == SubscriptionTerms.Email
            ? await email.SendAsync(subscription.Terms.Addresses, work.Id, work.Alert, cancellationToken)
            : await webhooks.SendAsync(subscription.Terms, work.Id, work.Alert, cancellationToken);
    }

    private async Task<(Subscription? Subscription, string Missing)> FindAsync(DeliveryWork work, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        if (work.SubscriptionId is { } id)
            return (await session.LoadAsync<Subscription>(id, cancellationToken), $"subscription '{id}' does not exist");
        // webhook:NAME named no subscription when the alert came; one may have been defined since.
        var name = work.Target[DeliveryTarget.WebhookPrefix.Length..];
        var named = await session.Query<Subscription>().Where(s => s.Terms.Name == name && !s.Removed).FirstOrDefaultAsync(cancellationToken);
        return (named, $"no subscription is named '{name}' (recipient webhook:{name})");
    }
}
