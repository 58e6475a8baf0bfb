namespace AiFinOps.Anomaly.Watching;

/// <summary>
/// One workflow's row of <c>workflow_watch</c>: when its first call happened (event time; null while only registered),
/// and what the detections remember so each reports once — the month reported off the checklist, the month and
/// projection of the last pace report, the last hour with a volume spike, whether its output length is shifted — and
/// the time before which its runs are closed: a run is closed while its last call is before it (null: none closed).
/// </summary>
public sealed record WatchState(
    string Workflow,
    DateTimeOffset? FirstSeenAt,
    string? UnregisteredMonth,
    string? PaceMonth,
    decimal? PaceProjectedUsd,
    DateTimeOffset? VolumeHour,
    bool OutputShifted,
    DateTimeOffset? RunsClosedBefore)
{
    /// <summary>This state with its runs closed before <paramref name="before"/> too (the watermark never moves back).</summary>
    public WatchState CloseRunsBefore(DateTimeOffset before) =>
        RunsClosedBefore >= before ? this : this with { RunsClosedBefore = before };

    public bool IsClosed(DateTimeOffset runLastAt) => runLastAt < RunsClosedBefore;
}
