using AiFinOps.Anomaly.Detections;

namespace AiFinOps.Anomaly.Incidents;

/// <summary>
/// An incident as the history shows it: what opened it (title, explanation, facts), how many detections joined it,
/// its status, and when its alert reached the broker (<see cref="AlertPublishedAt"/>).
/// </summary>
public sealed record IncidentView(
    Guid Id,
    string Kind,
    string Workflow,
    string Team,
    string Status,
    string Severity,
    string Period,
    string Title,
    string Explanation,
    IReadOnlyDictionary<string, string> Facts,
    DateTimeOffset OpenedAt,
    DateTimeOffset LastDetectedAt,
    int Detections,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    DateTimeOffset? ResolvedAt,
    string? ResolvedBy,
    string? Note,
    DateTimeOffset? AlertPublishedAt)
{
    public static IncidentView Of(Incident i, DateTimeOffset? alertPublishedAt) => new(i.IncidentId, i.Kind, i.Workflow, i.Team, i.Status,
        i.Severity, i.Period, i.Title, i.Explanation, i.Facts, i.OpenedAt, i.LastDetectedAt, i.Detections, i.AcknowledgedAt,
        i.AcknowledgedBy, i.ResolvedAt, i.ResolvedBy, i.Note, alertPublishedAt);
}

/// <summary>One detection of an incident: the first opened it, the others joined it.</summary>
public sealed record DetectionView(string Kind, DateTimeOffset DetectedAt, string Period, string Title, string Explanation,
    IReadOnlyDictionary<string, string> Facts)
{
    public static DetectionView Of(IAnomalyDetection d) => new(d.Kind(), d.DetectedAt, d.Period(), d.Title(), d.Explanation(), d.Facts());
}

/// <summary>An incident with every detection in it, in the order they were made.</summary>
public sealed record IncidentDetail(IncidentView Incident, IReadOnlyList<DetectionView> Detections);

/// <summary>The history's answer: the range it covers and the incidents opened in it, newest first.</summary>
public sealed record AnomalyHistory(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<IncidentView> Incidents);
