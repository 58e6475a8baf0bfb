using AiFinOps.Notifications.Deliveries.GettingDeliveries;
using AiFinOps.ServiceDefaults.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace AiFinOps.Notifications.Deliveries.RetryingDeliveries;

public static class DeliveryRetryEndpoint
{
    public static IEndpointRouteBuilder MapDeliveryRetry(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/deliveries/{id}/retry", RetryAsync).RequireScope(ApiScopes.Admin).WithName("RetryDelivery")
            .WithSummary("Queues a failed delivery again, due now, with the whole retry schedule (its earlier attempts stay in its log).");
        return app;
    }

    private static async Task<Results<Accepted<Delivery>, ProblemHttpResult>> RetryAsync(string id, HttpContext http, NpgsqlDataSource database,
        IDocumentStore store, DeliverySignal signal, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await DeliveryEndpoints.VisibleAsync(id, http, database, store, cancellationToken) is not { } detail) return Problems.NotFound("delivery", id);
        var schema = store.Options.DatabaseSchemaName;
        if (!await DeliveryStore.RequeueAsync(database, schema, detail.Delivery.Id, clock.GetUtcNow(), cancellationToken))
        {
            return TypedResults.Problem(title: "Only a failed delivery can be retried",
                detail: $"delivery '{id}' is {detail.Delivery.Status}", statusCode: StatusCodes.Status409Conflict);
        }
        signal.Raise();
        var requeued = await DeliveryLog.GetAsync(database, schema, detail.Delivery.Id, cancellationToken);
        return TypedResults.Accepted($"/api/v1/deliveries/{id}", requeued);
    }
}
