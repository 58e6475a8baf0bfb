namespace AiFinOps.Anomaly.Runs.GettingRuns;

/// <summary>
/// The calls of one workflow run, folded (all of them, also those outside the window). <see cref="Run"/> is the
/// caller's run id, or <c>call-{eventId}</c> for a call that carried none. <see cref="Closed"/>: no call of it for the
/// idle window; <see cref="TokenSpike"/>: it alerted for its tokens.
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
    DateTimeOffset LastSeen,
    bool Closed,
    bool TokenSpike);

public sealed record WorkflowRuns(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<WorkflowRun> Runs);
