using AiFinOps.ServiceDefaults.Queries;
using AiFinOps.ServiceDefaults.Security;

namespace AiFinOps.Allocation.Spend.GettingSpend;

public static class SpendEndpoint
{
    public static void MapSpend(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/v1/spend", Handle)
            .RequireScope(ApiScopes.Read)
            .WithSummary("Spend over a time range, grouped by dimensions")
            .WithDescription(TimeRange.Describe("this month so far") +
                " groupBy: comma-separated team, workflow, environment, provider, model, service_tier (default team). A team-restricted key sees only its teams.")
            .ProducesValidationProblem();

    private static async Task<IResult> Handle(string? from, string? to, string? groupBy, HttpContext http, SpendReader reader, TimeProvider clock, CancellationToken ct)
    {
        var (query, errors) = SpendQuery.Parse(from, to, groupBy, clock.GetUtcNow());
        if (query is null) return Results.ValidationProblem(errors, title: "The spend query is invalid");
        return Results.Ok(await reader.ReadAsync(query, http.ApiKey().Teams, ct));
    }
}
