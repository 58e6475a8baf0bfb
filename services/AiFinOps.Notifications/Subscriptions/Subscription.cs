namespace AiFinOps.Notifications.Subscriptions;

/// <summary>A subscription was defined: from now on it receives the alerts its filter lets through.</summary>
public sealed record SubscriptionDefined(string SubscriptionId, SubscriptionTerms Terms, DateTimeOffset DefinedAt, string DefinedBy);

/// <summary>A subscription's name, target, format, filter, secret or enabled flag changed (its kind never does).</summary>
public sealed record SubscriptionAmended(string SubscriptionId, SubscriptionTerms Terms, DateTimeOffset AmendedAt, string AmendedBy);

/// <summary>A subscription was removed: it receives nothing more, deliveries still pending to it fail; its name is free again.</summary>
public sealed record SubscriptionRemoved(string SubscriptionId, DateTimeOffset RemovedAt, string RemovedBy);

/// <summary>A subscription as its stream (keyed by the subscription id) tells it, also stored as a document: the inline snapshot.</summary>
public sealed partial record Subscription(
    string Id,
    SubscriptionTerms Terms,
    DateTimeOffset DefinedAt,
    DateTimeOffset UpdatedAt,
    bool Removed)
{
    /// <summary>Enabled and not removed: what routing by filter considers.</summary>
    public bool Active => Terms.Enabled && !Removed;

    public static Subscription Create(SubscriptionDefined e) => new(e.SubscriptionId, e.Terms, e.DefinedAt, e.DefinedAt, false);

    public Subscription Apply(SubscriptionAmended e) => this with { Terms = e.Terms, UpdatedAt = e.AmendedAt };

    public Subscription Apply(SubscriptionRemoved e) => this with { Removed = true, UpdatedAt = e.RemovedAt };
}
