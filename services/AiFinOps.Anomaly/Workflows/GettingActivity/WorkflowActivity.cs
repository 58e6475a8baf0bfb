namespace AiFinOps.Anomaly.Workflows.GettingActivity;

/// <summary>What one workflow did in the window: calls, the runs they belong to, tokens and cost.</summary>
public sealed record WorkflowActivity(
    string Workflow,
    long Calls,
    long Runs,
    long InputTokens,
    long OutputTokens,
    decimal EffectiveCostUsd);

public sealed record WorkflowsActivity(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<WorkflowActivity> Workflows);
