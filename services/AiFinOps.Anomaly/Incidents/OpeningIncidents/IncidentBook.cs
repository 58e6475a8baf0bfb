using AiFinOps.Anomaly.Alerts;
using AiFinOps.Anomaly.Detections;
using AiFinOps.Anomaly.Workflows;
using Marten;

namespace AiFinOps.Anomaly.Incidents.OpeningIncidents;

/// <summary>
/// Books detections into incidents inside the caller's transaction, which holds the detections' workflow rows: a
/// detection joins the unresolved incident of its kind and workflow within the cool-down, or opens a new incident
/// whose alert is stored beside it for the publisher. One incident, one alert.
/// </summary>
public static class IncidentBook
{
    /// <summary>Appends the detections and returns how many alerts they raised.</summary>
    public static async Task<int> RecordAsync(IDocumentSession session, IReadOnlyList<IAnomalyDetection> detections,
        IReadOnlyDictionary<string, Workflow> registry, TimeSpan coolDown, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (detections.Count == 0) return 0;
        var workflows = detections.Select(d => d.Workflow).Distinct().ToArray();
        var unresolved = await session.Query<Incident>()
            .Where(i => i.Workflow.IsOneOf(workflows) && i.Status != Incident.Resolved)
            .ToListAsync(cancellationToken);
        var latest = unresolved.GroupBy(i => (i.Kind, i.Workflow))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(i => i.LastDetectedAt).First());

        var alerts = 0;
        foreach (var detection in detections)
        {
            var key = (detection.Kind(), detection.Workflow);
            if (Incident.Joins(latest.GetValueOrDefault(key), detection, coolDown) is { } open)
            {
                session.Events.Append(open.Id, detection);
                latest[key] = open with
                {
                    Detections = open.Detections + 1,
                    LastDetectedAt = detection.DetectedAt > open.LastDetectedAt ? detection.DetectedAt : open.LastDetectedAt,
                };
                continue;
            }
            var id = Incident.IdOf(detection);
            var streamKey = Incident.StreamKey(id);
            session.Events.StartStream<Incident>(streamKey, detection);
            session.Store(AnomalyAlert.Of(id, detection, registry.GetValueOrDefault(detection.Workflow)?.Terms.OwnerTeam, now));
            latest[key] = new Incident(streamKey, id, detection.Kind(), detection.Workflow, detection.Team, Incident.Open, detection.Severity(),
                detection.Period(), detection.Title(), detection.Explanation(), detection.Facts(), detection.DetectedAt, detection.DetectedAt, 1);
            alerts++;
        }
        return alerts;
    }
}
