using AiFinOps.Notifications.Deliveries;
using AiFinOps.Notifications.Deliveries.GettingDeliveries;
using AiFinOps.Notifications.Deliveries.Sending;
using AiFinOps.Notifications.Subscriptions.ManagingSubscriptions;
using AiFinOps.ServiceDefaults.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace AiFinOps.Notifications.Subscriptions.TestingSubscriptions;

public static class SubscriptionTestEndpoint
{
    public static IEndpointRouteBuilder MapSubscriptionTest(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/subscriptions/{id}/test", TestAsync).RequireScope(ApiScopes.Admin).WithName("TestSubscription")
            .WithSummary("Sends a test alert (kind test) to this subscription through the delivery log and answers with the delivery after its first attempt; a failed test is retried like any delivery.");
        return app;
    }

    private static async Task<Results<Created<DeliveryDetail>, ProblemHttpResult>> TestAsync(string id, HttpContext http, IQuerySession session,
        NpgsqlDataSource database, IDocumentStore store, DeliveryRunner runner, DeliverySignal signal, DeliveryPolicy policy,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await SubscriptionEndpoints.VisibleAsync(id, http, session, cancellationToken) is not { } subscription)
            return Problems.NotFound("subscription", id);
        var alert = TestAlert.For(subscription, clock.GetUtcNow(), http.ApiKey().Name);
        var schema = store.Options.DatabaseSchemaName;
        var target = DeliveryTarget.ToSubscription(subscription.Id, subscription.Terms.Kind);
        var deliveryId = (await DeliveryStore.QueueAsync(database, schema, alert, [target], clock.GetUtcNow(), cancellationToken))[0];

        // The real path: claimed and attempted like any delivery (by this request, or by the worker if it got there first).
        if (!await runner.SendNowAsync(deliveryId, cancellationToken)) signal.Raise();
        var deadline = clock.GetUtcNow() + policy.Lease;
        var attempts = await DeliveryLog.AttemptsAsync(database, schema, deliveryId, cancellationToken);
        while (attempts.Count == 0 && clock.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            attempts = await DeliveryLog.AttemptsAsync(database, schema, deliveryId, cancellationToken);
        }
        var delivery = (await DeliveryLog.GetAsync(database, schema, deliveryId, cancellationToken))!;
        return TypedResults.Created($"/api/v1/deliveries/{deliveryId}", new DeliveryDetail(delivery, attempts));
    }
}
