namespace AiFinOps.Anomaly.Rebuilding;

/// <summary>
/// Where the last (or the running) rebuild is. Detections: how many the stored events hold, how many the replay made,
/// how many of those are exactly a stored one; <see cref="Differences"/> names up to 20 that are not (a setting changed
/// since they were made, say).
/// </summary>
public sealed record RebuildProgress(
    string State, string? RequestedBy, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    long EventsTotal, long EventsDone, long CallsDone,
    long DetectionsStored, long DetectionsReplayed, long DetectionsMatched, IReadOnlyList<string> Differences, string? Error)
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const int MaxDifferences = 20;

    public static RebuildProgress NeverRun { get; } = new("never-run", null, null, null, 0, 0, 0, 0, 0, 0, [], null);

    /// <summary>The replay made exactly the detections that were made when the calls arrived.</summary>
    public bool SameDetections => DetectionsMatched == DetectionsStored && DetectionsMatched == DetectionsReplayed;
}
