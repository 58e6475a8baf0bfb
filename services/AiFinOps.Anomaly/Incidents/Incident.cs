using AiFinOps.Anomaly.Detections;
using AiFinOps.Anomaly.Detections.OutputShifts;
using AiFinOps.Anomaly.Detections.Pace;
using AiFinOps.Anomaly.Detections.TokenSpikes;
using AiFinOps.Anomaly.Detections.Unregistered;
using AiFinOps.Anomaly.Detections.VolumeSpikes;
using JasperFx.Events;

namespace AiFinOps.Anomaly.Incidents;

/// <summary>Someone is on it: the incident stays open (further detections still join it) but is no longer unattended.</summary>
public sealed record IncidentAcknowledged(Guid IncidentId, DateTimeOffset AcknowledgedAt, string AcknowledgedBy, string Note);

/// <summary>The incident is over: a later detection of its kind and workflow opens a new incident and alerts again.</summary>
public sealed record IncidentResolved(Guid IncidentId, DateTimeOffset ResolvedAt, string ResolvedBy, string Note);

/// <summary>
/// One anomaly incident as its stream (<c>incident:{id}</c>) tells it, also stored as a document (the inline snapshot):
/// the detection that opened it — one incident is one alert — and those that joined it while it was open within the
/// cool-down, then who acknowledged and resolved it. Times of detections are event time.
/// </summary>
public sealed partial record Incident(
    string Id,
    Guid IncidentId,
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
    DateTimeOffset? AcknowledgedAt = null,
    string? AcknowledgedBy = null,
    DateTimeOffset? ResolvedAt = null,
    string? ResolvedBy = null,
    string? Note = null)
{
    public const string Open = "open";
    public const string Acknowledged = "acknowledged";
    public const string Resolved = "resolved";

    public static IReadOnlyList<string> Statuses { get; } = [Open, Acknowledged, Resolved];

    public static string StreamKey(Guid incidentId) => $"incident:{incidentId}";

    public static Incident Create(IEvent<TokenSpikeDetected> e) => Opened(e.StreamKey!, e.Data);
    public static Incident Create(IEvent<VolumeSpikeDetected> e) => Opened(e.StreamKey!, e.Data);
    public static Incident Create(IEvent<OutputLengthShifted> e) => Opened(e.StreamKey!, e.Data);
    public static Incident Create(IEvent<UnregisteredWorkflowSeen> e) => Opened(e.StreamKey!, e.Data);
    public static Incident Create(IEvent<PaceOverEstimate> e) => Opened(e.StreamKey!, e.Data);

    public Incident Apply(TokenSpikeDetected e) => Joined(e);
    public Incident Apply(VolumeSpikeDetected e) => Joined(e);
    public Incident Apply(OutputLengthShifted e) => Joined(e);
    public Incident Apply(UnregisteredWorkflowSeen e) => Joined(e);
    public Incident Apply(PaceOverEstimate e) => Joined(e);

    public Incident Apply(IncidentAcknowledged e) =>
        this with { Status = Acknowledged, AcknowledgedAt = e.AcknowledgedAt, AcknowledgedBy = e.AcknowledgedBy, Note = NoteOr(e.Note) };

    public Incident Apply(IncidentResolved e) =>
        this with { Status = Resolved, ResolvedAt = e.ResolvedAt, ResolvedBy = e.ResolvedBy, Note = NoteOr(e.Note) };

    private static Incident Opened(string streamKey, IAnomalyDetection d) => new(
        streamKey, Guid.Parse(streamKey["incident:".Length..]), d.Kind(), d.Workflow, d.Team, Open, d.Severity(), d.Period(),
        d.Title(), d.Explanation(), d.Facts(), d.DetectedAt, d.DetectedAt, 1);

    private Incident Joined(IAnomalyDetection d) => this with
    {
        Detections = Detections + 1,
        LastDetectedAt = d.DetectedAt > LastDetectedAt ? d.DetectedAt : LastDetectedAt,
    };

    private string? NoteOr(string note) => string.IsNullOrWhiteSpace(note) ? Note : note;
}
