using AiFinOps.ServiceDefaults.Queries;
using AiFinOps.ServiceDefaults.Security;

namespace AiFinOps.Allocation.DataQuality.GettingDataQuality;

public static class DataQualityEndpoint
{
    public static void MapDataQuality(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/v1/data-quality", Handle)
            .RequireScope(ApiScopes.Read)
            .WithSummary("Data quality: tag coverage, untagged spend by API key, unpriced calls per model, catalogue drift (reported vs catalogue cost)")
            .WithDescription(TimeRange.Describe("this month so far") + " Spend is billed cost. A team-restricted key sees only its teams. " +
                "Sample unpriced calls: GET /api/v1/ledger/unpriced.")
            .ProducesValidationProblem();

    private static async Task<IResult> Handle(string? from, string? to, HttpContext http, DataQualityReader reader, TimeProvider clock, CancellationToken ct)
    {
        var (range, errors) = TimeRange.Parse(from, to, TimeRange.ThisMonthSoFar(clock.GetUtcNow()));
        if (range is null) return Results.ValidationProblem(errors, title: "The query is invalid");
        return Results.Ok(await reader.ReadAsync(range.Value, http.ApiKey().Teams, ct));
    }
}
