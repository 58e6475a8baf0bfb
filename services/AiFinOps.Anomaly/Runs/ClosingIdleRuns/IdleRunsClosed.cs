namespace AiFinOps.Anomaly.Runs.ClosingIdleRuns;

/// <summary>
/// The sweep closed these runs: no call of theirs since <see cref="Before"/> (the wall-clock time of the sweep less the
/// idle window). Recorded because wall-clock time is not in the calls: a replay closes exactly these runs at this point.
/// Stream key <c>runs-closed:{guid}</c>.
/// </summary>
public sealed record IdleRunsClosed(DateTimeOffset Before, IReadOnlyList<RunIdentity> Runs)
{
    public static string StreamKey(Guid id) => $"runs-closed:{id}";
}

/// <summary>Which run: its workflow, team and run key (run id, or <c>call-{eventId}</c>).</summary>
public sealed record RunIdentity(string Workflow, string Team, string RunKey);
