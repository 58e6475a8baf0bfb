using AiFinOps.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AiFinOps.ServiceDefaults.Messaging.DeadLetters;

/// <summary>
/// <c>/api/v1/admin/dead-letters/{service}</c>: what waits in the service's dead-letter queues, and replaying it.
/// Admin keys only (never restricted to teams, see ingest's key rules) — a parked message may hold any team's usage.
/// </summary>
public static class DeadLetterEndpoints
{
    public static string Route(string service) => $"/api/v1/admin/dead-letters/{service}";

    public static void MapDeadLetters(this IEndpointRouteBuilder routes, DeadLetterQueues deadLetters)
    {
        var route = Route(deadLetters.Service);
        routes.MapGet(route, ListAsync)
            .RequireScope(ApiScopes.Admin)
            .WithSummary($"Messages parked in {deadLetters.Service}'s dead-letter queues after every retry failed")
            .WithDescription("One row per receive queue of the service: its dead-letter queue and how many messages wait there.");
        routes.MapPost(route + "/replay", ReplayAsync)
            .RequireScope(ApiScopes.Admin)
            .WithSummary($"Move the messages parked in {deadLetters.Service}'s dead-letter queues back to be consumed again")
            .WithDescription("queue (optional): one receive queue; every queue of the service when absent. Consumers are idempotent: " +
                "a message handled before changes nothing. Replay after fixing what made them fail (docs/dead-letters.md).")
            .ProducesValidationProblem();
    }

    private static async Task<IResult> ListAsync(DeadLetterQueues deadLetters, CancellationToken ct)
    {
        try
        {
            var counts = await deadLetters.CountAsync(ct);
            return Results.Ok(new { service = deadLetters.Service, messages = counts.Sum(c => c.Messages), queues = counts });
        }
        catch (Exception e) when (DeadLetterQueues.IsBrokerFailure(e))
        {
            return BrokerUnavailable(e);
        }
    }

    private static async Task<IResult> ReplayAsync(string? queue, DeadLetterQueues deadLetters, CancellationToken ct)
    {
        var known = deadLetters.Queues();
        var chosen = queue is null ? known : known.Where(q => q == queue.Trim()).ToList();
        if (chosen.Count == 0)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["queue"] = [$"'{queue}' is not a receive queue of {deadLetters.Service}; its queues are: {string.Join(", ", known)}"],
            }, title: "The replay request is invalid");
        }
        try
        {
            var replayed = await deadLetters.ReplayAsync(chosen, ct);
            return Results.Ok(new { service = deadLetters.Service, messages = replayed.Sum(r => r.Messages), queues = replayed });
        }
        catch (Exception e) when (DeadLetterQueues.IsBrokerFailure(e))
        {
            return BrokerUnavailable(e);
        }
    }

    private static IResult BrokerUnavailable(Exception e) => Results.Problem(statusCode: 503, title: "The message broker does not answer",
        detail: $"The dead-letter queues cannot be read right now ({e.Message}); nothing was moved. Try again once RabbitMQ is back.");
}
