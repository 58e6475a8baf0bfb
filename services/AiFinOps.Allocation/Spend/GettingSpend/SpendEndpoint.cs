using AiFinOps.ServiceDefaults.Queries;
using AiFinOps.ServiceDefaults.Security;
using Microsoft.Extensions.Options;

namespace AiFinOps.Allocation.Spend.GettingSpend;

public static class SpendEndpoint
{
    public static void MapSpend(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/v1/spend", Handle)
            .RequireScope(ApiScopes.Read)
            .WithSummary("Spend over a time range, grouped by dimensions, optionally per day, week or month")
            .WithDescription(TimeRange.Describe("this month so far") +
                " groupBy: comma-separated dimensions — team, workflow, environment, provider, model, service_tier, cost_centre_tag, " +
                "billing_period, charge_class and the configured extra tag dimensions (default team). granularity: day, week or month " +
                "(UTC). Any dimension is also a filter: ?team=search,growth&environment=prod. A team-restricted key sees only its teams.")
            .ProducesValidationProblem();

    private static async Task<IResult> Handle(string? from, string? to, string? groupBy, string? granularity, HttpContext http,
        SpendReader reader, IOptions<AllocationOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var filters = http.Request.Query.Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString()));
        var (query, errors) = SpendQuery.Parse(from, to, groupBy, granularity, filters, options.Value.ExtraDimensions, clock.GetUtcNow());
        if (query is null) return Results.ValidationProblem(errors, title: "The spend query is invalid");
        return Results.Ok(await reader.ReadAsync(query, http.ApiKey().Teams, ct));
    }
}
