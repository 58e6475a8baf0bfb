using AiFinOps.ServiceDefaults.Security;

namespace AiFinOps.Allocation.Ledger.Rebuilding;

public static class RebuildLedgerEndpoints
{
    private const string Route = "/api/v1/ledger/rebuild";

    public static void MapRebuildLedger(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(Route, Start)
            .RequireScope(ApiScopes.Admin)
            .WithSummary("Rebuild the ledger's lines and rollups from its events (runs in the background; bookings wait meanwhile)");
        routes.MapGet(Route, (LedgerRebuilder rebuilder) => Results.Ok(rebuilder.Progress))
            .RequireScope(ApiScopes.Admin)
            .WithSummary("Progress of the running or the last ledger rebuild");
    }

    private static IResult Start(HttpContext http, LedgerRebuilder rebuilder) =>
        rebuilder.TryStart(http.ApiKey().Name)
            ? Results.Accepted(Route, rebuilder.Progress)
            : Results.Problem(statusCode: 409, title: "A rebuild is running", detail: $"Follow it at GET {Route}.");
}
