namespace AiFinOps.Anomaly.Runs.GettingRuns;

/// <summary>
/// The calls of one workflow run inside the window, folded. <see cref="Run"/> is the caller's run id, or
/// <c>call-{eventId}</c> for a call that carried none.
/// </summary>
public sealed record WorkflowRun(
    string Run,
    string Team,
    string Workflow,
    long Calls,
    long InputTokens,
    long OutputTokens,
    decimal EffectiveCostUsd,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen);

public sealed record WorkflowRuns(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<WorkflowRun> Runs);
