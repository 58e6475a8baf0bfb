using AiFinOps.Anomaly.Detections;

namespace AiFinOps.Anomaly.Alerts;

/// <summary>
/// The alert of one incident, as the publisher sends it: stored in the same transaction as the detection that opened
/// the incident, so none is ever lost; <see cref="PublishedAt"/> is set once the broker confirmed it. <see cref="Id"/>
/// is the incident's id, the alert's id and its message id.
/// </summary>
public sealed record AnomalyAlert(
    Guid Id,
    string Kind,
    string Workflow,
    string Team,
    string Severity,
    string Title,
    string Text,
    string Period,
    DateTimeOffset DetectedAt,
    DateTimeOffset RaisedAt,
    string? Owner,
    IReadOnlyDictionary<string, string> Facts,
    DateTimeOffset? PublishedAt = null)
{
    public static AnomalyAlert Of(Guid incidentId, IAnomalyDetection d, string? owner, DateTimeOffset raisedAt)
    {
        var facts = new Dictionary<string, string>(d.Facts()) { ["workflow"] = d.Workflow, ["detectedAt"] = Figures.Fact(d.DetectedAt) };
        return new(incidentId, d.Kind(), d.Workflow, d.Team, d.Severity(), d.Title(), d.Explanation(), d.Period(), d.DetectedAt,
            raisedAt, owner, facts);
    }
}
