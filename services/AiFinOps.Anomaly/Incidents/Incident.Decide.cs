using System.Security.Cryptography;
using System.Text;
using AiFinOps.Anomaly.Detections;

namespace AiFinOps.Anomaly.Incidents;

public sealed record AcknowledgeIncident(DateTimeOffset Now, string By, string Note);

public sealed record ResolveIncident(DateTimeOffset Now, string By, string Note);

/// <summary>What an incident command decided: the events to append, or why not (a conflict with its state).</summary>
public sealed record IncidentDecision(IReadOnlyList<object> Events, IReadOnlyList<FieldError> Errors)
{
    public bool Accepted => Errors.Count == 0;

    public static IncidentDecision Append(params object[] events) => new(events, []);

    public static IncidentDecision Refuse(string field, string reason) => new([], [new(field, reason)]);
}

/// <summary>The incident's pure decisions, and grouping: which incident a detection belongs to.</summary>
public sealed partial record Incident
{
    /// <summary>Acknowledging twice is a no-op; a resolved incident cannot be acknowledged.</summary>
    public static IncidentDecision Decide(Incident state, AcknowledgeIncident command) => state.Status switch
    {
        Resolved => IncidentDecision.Refuse("status", $"incident {state.IncidentId} is resolved already"),
        Acknowledged => IncidentDecision.Append(),
        _ => IncidentDecision.Append(new IncidentAcknowledged(state.IncidentId, command.Now, command.By, command.Note)),
    };

    /// <summary>Resolving twice is a no-op.</summary>
    public static IncidentDecision Decide(Incident state, ResolveIncident command) =>
        state.Status == Resolved
            ? IncidentDecision.Append()
            : IncidentDecision.Append(new IncidentResolved(state.IncidentId, command.Now, command.By, command.Note));

    /// <summary>
    /// The incident a detection joins — the open one of its kind and workflow whose last detection is at most
    /// <paramref name="coolDown"/> before it — or null: it opens a new incident (and raises an alert).
    /// </summary>
    public static Incident? Joins(Incident? latestUnresolved, IAnomalyDetection detection, TimeSpan coolDown) =>
        latestUnresolved is { Status: not Resolved } open && open.Kind == detection.Kind() && open.Workflow == detection.Workflow
        && detection.DetectedAt - open.LastDetectedAt <= coolDown
            ? open
            : null;

    /// <summary>A new incident's id, derived from the detection that opens it (its alert's id and message id too).</summary>
    public static Guid IdOf(IAnomalyDetection detection) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes(detection.DetectionKey())).AsSpan(0, 16));
}
