namespace AiFinOps.Reporting.Reviews;

/// <summary>A decision as a reviewer sends it (<c>POST /api/v1/reports/reviews/{quarter}/decisions</c>).</summary>
public sealed record ReviewDecisionDraft(string? Workflow, string? Change, string? Description, decimal? ExpectedMonthlySavingUsd)
{
    /// <summary>Pure: the decision to record, or every problem keyed by field.</summary>
    public (ReviewDecisionRecorded? Decision, Dictionary<string, string[]> Errors) Decide(string quarter, Guid id, DateTimeOffset now, string by)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Workflow)) errors["workflow"] = ["name the workflow the decision is about"];
        else if (Workflow.Length > 256) errors["workflow"] = ["a workflow name is at most 256 characters"];
        if (Change is null || !ReviewChanges.All.Contains(Change))
            errors["change"] = [$"'{Change}' is not a change; use one of {string.Join(", ", ReviewChanges.All)}"];
        if ((Description?.Length ?? 0) > 2000) errors["description"] = ["a description is at most 2000 characters"];
        if (ExpectedMonthlySavingUsd is null) errors["expectedMonthlySavingUsd"] = ["say what the change is expected to save per month, in USD (0 if nothing)"];
        else if (ExpectedMonthlySavingUsd < 0) errors["expectedMonthlySavingUsd"] = ["an expected saving is not negative"];
        return errors.Count > 0
            ? (null, errors)
            : (new ReviewDecisionRecorded(id, quarter, Workflow!.Trim(), Change!, Description?.Trim() ?? "", ExpectedMonthlySavingUsd!.Value, now, by), errors);
    }
}
