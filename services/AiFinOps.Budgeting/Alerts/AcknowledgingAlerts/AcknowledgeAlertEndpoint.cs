using System.Text.Json;
using AiFinOps.Budgeting.Alerts.GettingAlerts;
using AiFinOps.Budgeting.Budgets;
using AiFinOps.Budgeting.Budgets.ManagingBudgets;
using AiFinOps.ServiceDefaults.Security;
using Marten;
using Marten.Patching;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiFinOps.Budgeting.Alerts.AcknowledgingAlerts;

/// <summary>
/// Someone answers for an alert: who (the key's name), when, and an optional note. A team key acknowledges its own
/// teams' alerts (another team's is as good as absent: 404); finance and admin keys any. The first acknowledgement stands:
/// acknowledging again changes nothing and answers with it.
/// </summary>
public static class AcknowledgeAlertEndpoint
{
    public const int MaxNoteLength = 1000;

    public static IEndpointRouteBuilder MapAlertAcknowledgement(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/budgets/alerts/{alertId}/acknowledge", AcknowledgeAsync).RequireScope(ApiScopes.Read)
            .WithName("AcknowledgeBudgetAlert")
            .WithSummary("Acknowledges an alert (body optional: { \"note\": \"…\" }): a team key for its own teams' alerts, or a finance/admin key. Idempotent: the first acknowledgement stands.");
        return app;
    }

    private static async Task<Results<Ok<BudgetAlertView>, ValidationProblem, ProblemHttpResult>> AcknowledgeAsync(string alertId,
        JsonElement? body, HttpContext http, IDocumentStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (!Guid.TryParse(alertId, out var id)) errors.Add(new("alertId", $"'{alertId}' is not an alert id (a UUID)"));
        var note = Note(body, errors);
        if (errors.Count > 0) return Problems.Invalid(errors);

        var key = http.ApiKey();
        await using var session = store.LightweightSession();
        var alert = await session.LoadAsync<BudgetAlert>(id, cancellationToken);
        if (alert is null || !alert.Scope.VisibleTo(key.Teams)) return NotFound(alertId);
        if (!key.IsTeamRestricted && !key.HasScope(ApiScopes.Finance))
        {
            return TypedResults.Problem(title: "Not this key's alert to acknowledge", statusCode: StatusCodes.Status403Forbidden,
                detail: "alerts are acknowledged by a key of the team they concern, or a finance or admin key");
        }
        if (alert.AcknowledgedAt is null)
        {
            // Only while unacknowledged: of two racing acknowledgements the first stands, and the publisher's patch
            // of publishedAt is not overwritten.
            session.Patch<BudgetAlert>(a => a.Id == id && a.AcknowledgedAt == null)
                .Set(a => a.AcknowledgedAt, clock.GetUtcNow())
                .Set(a => a.AcknowledgedBy, key.Name)
                .Set(a => a.AcknowledgementNote, note);
            await session.SaveChangesAsync(cancellationToken);
            alert = await session.LoadAsync<BudgetAlert>(id, cancellationToken) ?? alert;
        }
        return TypedResults.Ok(BudgetAlertView.Of(alert));
    }

    private static string? Note(JsonElement? body, List<FieldError> errors)
    {
        if (body is not { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } json) return null;
        if (json.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new("body", "expected a JSON object, e.g. { \"note\": \"looking into it\" }, or no body"));
            return null;
        }
        if (!json.TryGetProperty("note", out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new("note", $"expected a string, got {value.ValueKind.ToString().ToLowerInvariant()}"));
            return null;
        }
        var note = value.GetString()!.Trim();
        if (note.Length > MaxNoteLength) errors.Add(new("note", $"a note is at most {MaxNoteLength} characters"));
        return note.Length == 0 ? null : note;
    }

    private static ProblemHttpResult NotFound(string alertId) =>
        TypedResults.Problem(title: "No such alert", detail: $"no alert '{alertId}' that this key may see", statusCode: StatusCodes.Status404NotFound);
}
