namespace AiFinOps.Anomaly.Detections;

/// <summary>
/// What every detection event says: its kind, the workflow and team it concerns, when (event time) and a key that names
/// exactly this detection (the same key whenever the same events are replayed), and an explanation a person
/// understands with the numbers behind it.
/// </summary>
public interface IAnomalyDetection
{
    string Kind();
    string DetectionKey();
    string Workflow { get; }
    string Team { get; }
    DateTimeOffset DetectedAt { get; }
    /// <summary>The hour (<c>2026-11-14T09</c>) or month (<c>2026-11</c>) the anomaly was seen in.</summary>
    string Period();
    string Severity();
    string Title();
    string Explanation();
    /// <summary>The figures behind it, as text (for alert templates and payloads).</summary>
    IReadOnlyDictionary<string, string> Facts();
}
