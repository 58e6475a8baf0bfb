using AiFinOps.Anomaly.Detections.Unregistered;
using AiFinOps.Anomaly.Detections.VolumeSpikes;
using AiFinOps.Anomaly.Incidents;

namespace AiFinOps.Anomaly.Tests;

public sealed class IncidentDecisionTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 14, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan CoolDown = TimeSpan.FromHours(6);

    private static VolumeSpikeDetected Volume(DateTimeOffset hour, string workflow = "triage") =>
        new(workflow, "support", hour, hour.AddMinutes(30), 900, 300, 100m, 24, null, 3m, true, false);

    private static Incident Opened(DateTimeOffset hour) =>
        Incident.Create(new JasperFx.Events.Event<VolumeSpikeDetected>(Volume(hour)) { StreamKey = Incident.StreamKey(Incident.IdOf(Volume(hour))) });

    [Fact]
    public void A_detection_opens_an_incident_that_says_what_it_found()
    {
        var incident = Opened(At);

        Assert.Equal((Incident.Open, "anomaly.volume-spike", "triage", "support", 1), (incident.Status, incident.Kind, incident.Workflow, incident.Team, incident.Detections));
        Assert.Equal(Incident.IdOf(Volume(At)), incident.IncidentId);
        Assert.Equal("2026-11-14T09", incident.Period);
    }

    [Fact]
    public void A_detection_of_the_same_kind_and_workflow_within_the_cool_down_joins_the_open_incident()
    {
        var open = Opened(At);

        Assert.Same(open, Incident.Joins(open, Volume(At.AddHours(1)), CoolDown));
        Assert.Equal(2, open.Apply(Volume(At.AddHours(1))).Detections);
        Assert.Equal(At.AddHours(1).AddMinutes(30), open.Apply(Volume(At.AddHours(1))).LastDetectedAt);
    }

    [Fact]
    public void After_the_cool_down_or_once_resolved_a_detection_opens_a_new_incident()
    {
        var open = Opened(At);
        var resolved = open.Apply(new IncidentResolved(open.IncidentId, At, "admin", "rate limit added"));

        Assert.Null(Incident.Joins(open, Volume(At.AddHours(7)), CoolDown));
        Assert.Null(Incident.Joins(resolved, Volume(At.AddHours(1)), CoolDown));
        Assert.Null(Incident.Joins(open, Volume(At.AddHours(1), workflow: "other"), CoolDown));
        Assert.Null(Incident.Joins(open, new UnregisteredWorkflowSeen("triage", "support", "2026-11", At, "not-registered", 1, 1m), CoolDown));
    }

    [Fact]
    public void An_acknowledged_incident_is_still_open_to_further_detections()
    {
        var acknowledged = Opened(At).Apply(new IncidentAcknowledged(Guid.Empty, At, "admin", "looking"));

        Assert.NotNull(Incident.Joins(acknowledged, Volume(At.AddHours(2)), CoolDown));
    }

    [Fact]
    public void Acknowledging_and_resolving_are_idempotent_and_a_resolved_incident_cannot_be_acknowledged()
    {
        var open = Opened(At);
        var acknowledge = new AcknowledgeIncident(At, "admin", "on it");
        var acknowledged = open.Apply((IncidentAcknowledged)Incident.Decide(open, acknowledge).Events.Single());
        var resolved = acknowledged.Apply((IncidentResolved)Incident.Decide(acknowledged, new ResolveIncident(At, "admin", "fixed")).Events.Single());

        Assert.Equal((Incident.Acknowledged, "on it"), (acknowledged.Status, acknowledged.Note));
        Assert.Empty(Incident.Decide(acknowledged, acknowledge).Events);
        Assert.Equal((Incident.Resolved, "fixed", "admin"), (resolved.Status, resolved.Note, resolved.ResolvedBy));
        Assert.Empty(Incident.Decide(resolved, new ResolveIncident(At, "admin", "")).Events);
        Assert.Equal(["status"], Incident.Decide(resolved, acknowledge).Errors.Select(e => e.Field));
    }
}
