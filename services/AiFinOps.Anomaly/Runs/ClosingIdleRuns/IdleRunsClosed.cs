namespace AiFinOps.Anomaly.Runs.ClosingIdleRuns;

/// <summary>
/// The sweep closed the runs of these workflows without a call since <see cref="Before"/> (the wall-clock time of the
/// sweep less the idle window): their closing time moved up to it. Recorded because wall-clock time is not in the calls:
/// a replay closes the same runs at this point. Stream key <c>runs-closed:{guid}</c>. Events recorded by earlier versions
/// list each closed run in <see cref="Runs"/> instead of <see cref="Workflows"/>; a replay moves the closing time of
/// those runs' workflows alike.
/// </summary>
public sealed record IdleRunsClosed(DateTimeOffset Before, IReadOnlyList<WorkflowRunsClosed>? Workflows, IReadOnlyList<RunIdentity>? Runs = null)
{
    public static string StreamKey(Guid id) => $"runs-closed:{id}";

    /// <summary>The workflows whose runs this closed, of either form of the event.</summary>
    public IReadOnlyList<string> ClosedWorkflows() =>
        (Workflows?.Select(w => w.Workflow) ?? Runs?.Select(r => r.Workflow) ?? []).Distinct(StringComparer.Ordinal).ToList();
}

/// <summary>A workflow and how many of its runs the sweep closed.</summary>
public sealed record WorkflowRunsClosed(string Workflow, long Runs);

/// <summary>Which run: its workflow, team and run key (run id, or <c>call-{eventId}</c>).</summary>
public sealed record RunIdentity(string Workflow, string Team, string RunKey);
