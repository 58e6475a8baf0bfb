namespace AiFinOps.Anomaly.Workflows;

public sealed record RegisterWorkflow(string Name, WorkflowDraft Draft, DateTimeOffset Now, string By);

public sealed record AmendWorkflow(WorkflowDraft Draft, DateTimeOffset Now, string By);

public sealed record RetireWorkflow(DateTimeOffset Now, string By);

/// <summary>What a registry command decided: the events to append, or why not (<see cref="Conflict"/>: the workflow's state forbids it).</summary>
public sealed record WorkflowDecision(IReadOnlyList<object> Events, IReadOnlyList<FieldError> Errors, bool Conflict = false)
{
    public bool Accepted => Errors.Count == 0;

    public static WorkflowDecision Append(params object[] events) => new(events, []);

    public static WorkflowDecision Reject(IReadOnlyList<FieldError> errors) => new([], errors);

    public static WorkflowDecision Refuse(string field, string reason) => new([], [new(field, reason)], Conflict: true);
}

/// <summary>The registry's pure decisions: (state, command) → events. No clock, no database.</summary>
public sealed partial record Workflow
{
    /// <summary>A new name, or one retired before (it is registered again); an active one is a conflict.</summary>
    public static WorkflowDecision Decide(Workflow? state, RegisterWorkflow command)
    {
        if (state is { Retired: false })
            return WorkflowDecision.Refuse("name", $"workflow '{command.Name}' is registered already; amend it with PUT /api/v1/workflows/{command.Name}");
        var errors = new List<FieldError>();
        if (WorkflowDraft.NameProblem(command.Name) is { } problem) errors.Add(new("name", problem));
        var (terms, termErrors) = command.Draft.Validate();
        errors.AddRange(termErrors);
        return errors.Count > 0
            ? WorkflowDecision.Reject(errors)
            : WorkflowDecision.Append(new WorkflowRegistered(command.Name, terms!, command.Now, command.By));
    }

    /// <summary>New terms replace the old; the same terms append nothing.</summary>
    public static WorkflowDecision Decide(Workflow state, AmendWorkflow command)
    {
        if (state.Retired) return WorkflowDecision.Refuse("name", $"workflow '{state.Name}' is retired; register it again with POST /api/v1/workflows");
        var (terms, errors) = command.Draft.Validate();
        if (terms is null) return WorkflowDecision.Reject(errors);
        return SameTerms(terms, state.Terms)
            ? WorkflowDecision.Append()
            : WorkflowDecision.Append(new WorkflowAmended(state.Name, terms, command.Now, command.By));
    }

    /// <summary>Retiring twice is a no-op, not an error: DELETE is idempotent.</summary>
    public static WorkflowDecision Decide(Workflow state, RetireWorkflow command) =>
        state.Retired ? WorkflowDecision.Append() : WorkflowDecision.Append(new WorkflowRetired(state.Name, command.Now, command.By));

    private static bool SameTerms(WorkflowTerms a, WorkflowTerms b) =>
        a with { Models = [] } == b with { Models = [] } && a.Models.SequenceEqual(b.Models, StringComparer.Ordinal);
}
