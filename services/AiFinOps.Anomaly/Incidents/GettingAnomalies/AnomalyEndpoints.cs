using System.Text.Json;
using AiFinOps.Anomaly.Alerts;
using AiFinOps.Anomaly.Detections;
using AiFinOps.Anomaly.Incidents.HandlingIncidents;
using AiFinOps.ServiceDefaults.Queries;
using AiFinOps.ServiceDefaults.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiFinOps.Anomaly.Incidents.GettingAnomalies;

/// <summary>
/// The anomaly history and incident handling. Reading needs the read scope, acknowledging and resolving the admin
/// scope; a team-restricted key sees and handles only its teams' incidents (the team is the workflow's owner).
/// </summary>
public static class AnomalyEndpoints
{
    public const int DefaultLimit = 200;
    public const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapAnomalies(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/anomalies", ListAsync).RequireScope(ApiScopes.Read).WithName("GetAnomalies")
            .WithSummary("Anomaly incidents opened in a time range, newest first: one incident is one alert.")
            .WithDescription(TimeRange.Describe("the last 30 days") +
                $" workflow, team: only that workflow or team (a team-restricted key reads only its teams). kind: {string.Join(", ", AnomalyKinds.All)} (or without 'anomaly.'). status: {string.Join(", ", Incident.Statuses)}. limit: 1 to {MaxLimit} (default {DefaultLimit}).");
        app.MapGet("/api/v1/anomalies/{id:guid}", GetAsync).RequireScope(ApiScopes.Read).WithName("GetAnomaly")
            .WithSummary("One incident with every detection in it.");
        app.MapPost("/api/v1/anomalies/{id:guid}/acknowledge", AcknowledgeAsync).RequireScope(ApiScopes.Admin).WithName("AcknowledgeAnomaly")
            .WithSummary("Someone is on it (body: { \"note\"? }). Further detections still join the incident; acknowledging twice changes nothing.");
        app.MapPost("/api/v1/anomalies/{id:guid}/resolve", ResolveAsync).RequireScope(ApiScopes.Admin).WithName("ResolveAnomaly")
            .WithSummary("The incident is over (body: { \"note\"? }); the next detection of its kind and workflow opens a new incident and alerts again.");
        return app;
    }

    private static async Task<Results<Ok<AnomalyHistory>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string? workflow, string? team, string? from, string? to, string? kind, string? status, string? limit,
        HttpContext http, IQuerySession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (range, errors) = TimeRange.Parse(from, to, TimeRange.LastDays(30, clock.GetUtcNow()));
        var kindName = kind is null ? null : kind.StartsWith("anomaly.", StringComparison.Ordinal) ? kind : "anomaly." + kind;
        if (kindName is not null && !AnomalyKinds.All.Contains(kindName))
            errors["kind"] = [$"'{kind}' is not a kind of anomaly; use one of {string.Join(", ", AnomalyKinds.All)}"];
        if (status is not null && !Incident.Statuses.Contains(status))
            errors["status"] = [$"'{status}' is not a status; use one of {string.Join(", ", Incident.Statuses)}"];
        var rows = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, out rows) || rows is < 1 or > MaxLimit))
            errors["limit"] = [$"'{limit}' is not a number of incidents between 1 and {MaxLimit}"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (!TeamScope.TryResolve(http.ApiKey(), team, out var teams))
            return TypedResults.Problem($"This key may not read team '{team}'.", statusCode: StatusCodes.Status403Forbidden);

        var (start, end) = (range!.Value.From, range.Value.To);
        var query = session.Query<Incident>().Where(i => i.OpenedAt >= start && i.OpenedAt < end);
        if (workflow is not null) query = query.Where(i => i.Workflow == workflow);
        if (teams is not null) query = query.Where(i => i.Team.IsOneOf(teams));
        if (kindName is not null) query = query.Where(i => i.Kind == kindName);
        if (status is not null) query = query.Where(i => i.Status == status);
        var incidents = await query.OrderByDescending(i => i.OpenedAt).Take(rows).ToListAsync(cancellationToken);
        var published = await PublishedAtAsync(session, incidents, cancellationToken);
        return TypedResults.Ok(new AnomalyHistory(start, end,
            incidents.Select(i => IncidentView.Of(i, published.GetValueOrDefault(i.IncidentId))).ToList()));
    }

    private static async Task<Results<Ok<IncidentDetail>, ProblemHttpResult>> GetAsync(Guid id, HttpContext http, IQuerySession session,
        CancellationToken cancellationToken)
    {
        if (await VisibleAsync(id, http, session, cancellationToken) is not { } incident) return Problems.NotFound("incident", id.ToString());
        var events = await session.Events.FetchStreamAsync(incident.Id, token: cancellationToken);
        var published = await PublishedAtAsync(session, [incident], cancellationToken);
        return TypedResults.Ok(new IncidentDetail(IncidentView.Of(incident, published.GetValueOrDefault(id)),
            events.Select(e => e.Data).OfType<IAnomalyDetection>().Select(DetectionView.Of).ToList()));
    }

    private static Task<Results<Ok<IncidentView>, ProblemHttpResult>> AcknowledgeAsync(Guid id, HttpContext http, IQuerySession session,
        IncidentCommands commands, TimeProvider clock, CancellationToken cancellationToken) =>
        HandleAsync(id, http, session, (note, by) => commands.AcknowledgeAsync(id, new AcknowledgeIncident(clock.GetUtcNow(), by, note), cancellationToken),
            cancellationToken);

    private static Task<Results<Ok<IncidentView>, ProblemHttpResult>> ResolveAsync(Guid id, HttpContext http, IQuerySession session,
        IncidentCommands commands, TimeProvider clock, CancellationToken cancellationToken) =>
        HandleAsync(id, http, session, (note, by) => commands.ResolveAsync(id, new ResolveIncident(clock.GetUtcNow(), by, note), cancellationToken),
            cancellationToken);

    private static async Task<Results<Ok<IncidentView>, ProblemHttpResult>> HandleAsync(Guid id, HttpContext http, IQuerySession session,
        Func<string, string, Task<(IncidentDecision Decision, Incident? Incident)>> run, CancellationToken cancellationToken)
    {
        if (await VisibleAsync(id, http, session, cancellationToken) is null) return Problems.NotFound("incident", id.ToString());
        var note = await NoteAsync(http.Request, cancellationToken);
        var (decision, incident) = await run(note, http.ApiKey().Name);
        if (incident is null) return Problems.NotFound("incident", id.ToString());
        if (!decision.Accepted) return Problems.Conflict("The incident does not allow this", decision.Errors);
        var published = await PublishedAtAsync(session, [incident], cancellationToken);
        return TypedResults.Ok(IncidentView.Of(incident, published.GetValueOrDefault(id)));
    }

    /// <summary>The optional <c>{ "note": "…" }</c> body; anything else is no note.</summary>
    private static async Task<string> NoteAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is 0 or null && !request.Headers.TransferEncoding.Any()) return "";
        try
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, cancellationToken: cancellationToken);
            return body.ValueKind == JsonValueKind.Object && body.TryGetProperty("note", out var note) && note.ValueKind == JsonValueKind.String
                ? note.GetString()!.Trim()
                : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private static async Task<Incident?> VisibleAsync(Guid id, HttpContext http, IQuerySession session, CancellationToken cancellationToken)
    {
        var incident = await session.LoadAsync<Incident>(Incident.StreamKey(id), cancellationToken);
        return incident is not null && http.ApiKey().AllowsTeam(incident.Team) ? incident : null;
    }

    private static async Task<IReadOnlyDictionary<Guid, DateTimeOffset?>> PublishedAtAsync(IQuerySession session,
        IReadOnlyList<Incident> incidents, CancellationToken cancellationToken)
    {
        if (incidents.Count == 0) return new Dictionary<Guid, DateTimeOffset?>();
        var alerts = await session.LoadManyAsync<AnomalyAlert>(cancellationToken, incidents.Select(i => i.IncidentId).ToArray());
        return alerts.ToDictionary(a => a.Id, a => a.PublishedAt);
    }
}
