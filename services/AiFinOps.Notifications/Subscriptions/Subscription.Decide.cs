namespace AiFinOps.Notifications.Subscriptions;

public sealed record DefineSubscription(string SubscriptionId, SubscriptionDraft Draft, DateTimeOffset Now, string By);

public sealed record AmendSubscription(SubscriptionDraft Draft, DateTimeOffset Now, string By);

public sealed record RemoveSubscription(DateTimeOffset Now, string By);

/// <summary>What a command decided: the events to append, or why not (<see cref="Conflict"/>: the state forbids it).</summary>
public sealed record SubscriptionDecision(IReadOnlyList<object> Events, IReadOnlyList<FieldError> Errors, bool Conflict = false)
{
    public bool Accepted => Errors.Count == 0;

    public static SubscriptionDecision Append(params object[] events) => new(events, []);

    public static SubscriptionDecision Reject(IReadOnlyList<FieldError> errors) => new([], errors);

    public static SubscriptionDecision Refuse(string field, string reason) => new([], [new(field, reason)], Conflict: true);
}

/// <summary>
/// The subscription's pure decisions: (state, command, names other subscriptions hold) → events. Names are unique among
/// subscriptions not removed, because <c>webhook:NAME</c> recipients find a subscription by its name.
/// </summary>
public sealed partial record Subscription
{
    public static SubscriptionDecision Decide(Subscription? state, DefineSubscription command, IReadOnlySet<string> namesInUse)
    {
        if (state is not null) return SubscriptionDecision.Refuse("id", $"subscription '{command.SubscriptionId}' already exists");
        var (terms, errors) = command.Draft.Validate();
        if (terms is null) return SubscriptionDecision.Reject(errors);
        if (namesInUse.Contains(terms.Name)) return SubscriptionDecision.Refuse("name", $"another subscription is named '{terms.Name}'");
        return SubscriptionDecision.Append(new SubscriptionDefined(command.SubscriptionId, terms, command.Now, command.By));
    }

    public static SubscriptionDecision Decide(Subscription state, AmendSubscription command, IReadOnlySet<string> namesInUse)
    {
        if (state.Removed) return SubscriptionDecision.Refuse("id", $"subscription '{state.Id}' was removed; define a new one");
        var (terms, errors) = command.Draft.Validate(state.Terms.Secret);
        if (terms is null) return SubscriptionDecision.Reject(errors);
        if (terms.Kind != state.Terms.Kind)
            return SubscriptionDecision.Reject([new("kind", $"a subscription's kind stays {state.Terms.Kind}; remove it and define a new one")]);
        if (terms.Name != state.Terms.Name && namesInUse.Contains(terms.Name))
            return SubscriptionDecision.Refuse("name", $"another subscription is named '{terms.Name}'");
        return SameTerms(terms, state.Terms)
            ? SubscriptionDecision.Append()
            : SubscriptionDecision.Append(new SubscriptionAmended(state.Id, terms, command.Now, command.By));
    }

    /// <summary>Removing twice is a no-op, not an error: DELETE is idempotent.</summary>
    public static SubscriptionDecision Decide(Subscription state, RemoveSubscription command) =>
        state.Removed ? SubscriptionDecision.Append() : SubscriptionDecision.Append(new SubscriptionRemoved(state.Id, command.Now, command.By));

    private static bool SameTerms(SubscriptionTerms a, SubscriptionTerms b) =>
        a with { Addresses = [], Filter = AlertFilter.Everything } == b with { Addresses = [], Filter = AlertFilter.Everything }
        && a.Addresses.SequenceEqual(b.Addresses)
        && a.Filter.Kinds.SequenceEqual(b.Filter.Kinds) && a.Filter.Team == b.Filter.Team && a.Filter.MinSeverity == b.Filter.MinSeverity;
}
