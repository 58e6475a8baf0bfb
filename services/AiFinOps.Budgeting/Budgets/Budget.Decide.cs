namespace AiFinOps.Budgeting.Budgets;

public sealed record DefineBudget(string BudgetId, BudgetDraft Draft, DateTimeOffset Now, string By);

public sealed record AmendBudget(BudgetDraft Draft, DateTimeOffset Now, string By);

public sealed record ArchiveBudget(DateTimeOffset Now, string By);

public sealed record ReinstateBudget(BudgetDraft Draft, DateTimeOffset Now, string By);

/// <summary>What a command decided: the events to append, or why not (<see cref="Conflict"/>: the budget's state forbids it).</summary>
public sealed record BudgetDecision(IReadOnlyList<object> Events, IReadOnlyList<FieldError> Errors, bool Conflict = false)
{
    public bool Accepted => Errors.Count == 0;

    public static BudgetDecision Append(params object[] events) => new(events, []);

    public static BudgetDecision Reject(IReadOnlyList<FieldError> errors) => new([], errors);

    public static BudgetDecision Refuse(string field, string reason) => new([], [new(field, reason)], Conflict: true);
}

/// <summary>The budget's pure decisions: (state, command) → events. No clock, no database.</summary>
public sealed partial record Budget
{
    public static BudgetDecision Decide(Budget? state, DefineBudget command)
    {
        if (state is not null) return BudgetDecision.Refuse("id", $"budget '{command.BudgetId}' already exists");
        var errors = new List<FieldError>();
        if (!BudgetDraft.IsBudgetId(command.BudgetId))
            errors.Add(new("id", $"'{command.BudgetId}' is not a budget id; use 1 to 64 lower-case letters, digits or '-'"));
        var (terms, termErrors) = command.Draft.Validate();
        errors.AddRange(termErrors);
        return errors.Count > 0
            ? BudgetDecision.Reject(errors)
            : BudgetDecision.Append(new BudgetDefined(command.BudgetId, terms!,
                BudgetPeriods.KeyOf(terms!.Period, command.Now), command.Now, command.By));
    }

    public static BudgetDecision Decide(Budget state, AmendBudget command)
    {
        if (state.Archived) return BudgetDecision.Refuse("id", $"budget '{state.Id}' is archived; define a new one");
        var (terms, errors) = command.Draft.Validate();
        if (terms is null) return BudgetDecision.Reject(errors);

        var changes = Unchangeable(state, terms);
        if (changes.Count > 0) return BudgetDecision.Reject(changes);

        return SameTerms(terms, state.Terms)
            ? BudgetDecision.Append()
            : BudgetDecision.Append(new BudgetAmended(state.Id, terms, command.Now, command.By));
    }

    /// <summary>Archiving twice is a no-op, not an error: DELETE is idempotent.</summary>
    public static BudgetDecision Decide(Budget state, ArchiveBudget command) =>
        state.Archived ? BudgetDecision.Append() : BudgetDecision.Append(new BudgetArchived(state.Id, command.Now, command.By));

    /// <summary>Only an archived budget is reinstated (a replica that lost the race finds it counting already: a conflict).</summary>
    public static BudgetDecision Decide(Budget state, ReinstateBudget command)
    {
        if (!state.Archived) return BudgetDecision.Refuse("id", $"budget '{state.Id}' is not archived");
        var (terms, errors) = command.Draft.Validate();
        if (terms is null) return BudgetDecision.Reject(errors);
        var changes = Unchangeable(state, terms);
        return changes.Count > 0
            ? BudgetDecision.Reject(changes)
            : BudgetDecision.Append(new BudgetReinstated(state.Id, terms, BudgetPeriods.KeyOf(terms.Period, command.Now), command.Now, command.By));
    }

    private static List<FieldError> Unchangeable(Budget state, BudgetTerms terms)
    {
        var changes = new List<FieldError>();
        if (terms.Scope != state.Terms.Scope)
            changes.Add(new("scope", $"a budget's scope stays {state.Terms.Scope}; archive it and define a new budget for {terms.Scope}"));
        if (terms.Period != state.Terms.Period)
            changes.Add(new("period", $"a budget's period stays {state.Terms.Period}; archive it and define a new budget"));
        return changes;
    }

    public static bool SameTerms(BudgetTerms a, BudgetTerms b) =>
        a.Name == b.Name && a.AmountUsd == b.AmountUsd && a.Owner == b.Owner
        && a.Thresholds.SequenceEqual(b.Thresholds) && a.Recipients.SequenceEqual(b.Recipients);
}
