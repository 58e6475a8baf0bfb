using AiFinOps.ServiceDefaults.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace AiFinOps.Notifications.Deliveries.GettingDeliveries;

/// <summary>The delivery log: read scope; a team key sees the deliveries of alerts about its teams only.</summary>
public static class DeliveryEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapDeliveries(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/deliveries", ListAsync).RequireScope(ApiScopes.Read).WithName("ListDeliveries")
            .WithSummary($"Deliveries, newest first (limit, default {DefaultLimit}, at most {MaxLimit}), optionally of one status (pending, delivered, failed), alertId or subscriptionId.");
        app.MapGet("/api/v1/deliveries/{id}", GetAsync).RequireScope(ApiScopes.Read).WithName("GetDelivery")
            .WithSummary("A delivery and its attempts: when, outcome, HTTP status, error, duration.");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<Delivery>>, ValidationProblem>> ListAsync(string? status, string? alertId,
        string? subscriptionId, string? limit, HttpContext http, NpgsqlDataSource database, IDocumentStore store, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (status is not null && !DeliveryStatus.All.Contains(status)) errors.Add(new("status", $"'{status}' is not a status; use pending, delivered or failed"));
        Guid? alert = null;
        if (alertId is not null)
        {
            if (Guid.TryParse(alertId, out var parsed)) alert = parsed;
            else errors.Add(new("alertId", $"'{alertId}' is not an alert id (a UUID)"));
        }
        var take = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, out take) || take is < 1 or > MaxLimit))
            errors.Add(new("limit", $"'{limit}' is not a limit; use 1 to {MaxLimit}"));
        if (errors.Count > 0) return Problems.Invalid(errors);

        var query = new DeliveryQuery(status, alert, string.IsNullOrEmpty(subscriptionId) ? null : subscriptionId, http.ApiKey().Teams, take);
        return TypedResults.Ok(await DeliveryLog.ListAsync(database, store.Options.DatabaseSchemaName, query, cancellationToken));
    }

    private static async Task<Results<Ok<DeliveryDetail>, ProblemHttpResult>> GetAsync(string id, HttpContext http, NpgsqlDataSource database,
        IDocumentStore store, CancellationToken cancellationToken) =>
        await VisibleAsync(id, http, database, store, cancellationToken) is { } detail ? TypedResults.Ok(detail) : Problems.NotFound("delivery", id);

    /// <summary>The delivery with its attempts if this key may see it; another team's is as good as absent (404).</summary>
    public static async Task<DeliveryDetail?> VisibleAsync(string id, HttpContext http, NpgsqlDataSource database, IDocumentStore store,
        CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var deliveryId)) return null;
        var schema = store.Options.DatabaseSchemaName;
        var delivery = await DeliveryLog.GetAsync(database, schema, deliveryId, cancellationToken);
        if (delivery is null || !delivery.VisibleTo(http.ApiKey().Teams)) return null;
        return new DeliveryDetail(delivery, await DeliveryLog.AttemptsAsync(database, schema, deliveryId, cancellationToken));
    }
}
