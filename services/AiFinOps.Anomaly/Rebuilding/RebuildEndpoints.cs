using AiFinOps.ServiceDefaults.Security;

namespace AiFinOps.Anomaly.Rebuilding;

public static class RebuildEndpoints
{
    private const string Route = "/api/v1/anomalies/rebuild";

    public static IEndpointRouteBuilder MapRebuildAnomalies(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, Start).RequireScope(ApiScopes.Admin).WithName("RebuildAnomalies")
            .WithSummary("Rebuild runs, hourly and monthly stats and the detections' state from the stored events, and compare the detections the replay makes with those made at the time (runs in the background; batches wait meanwhile)");
        app.MapGet(Route, (AnomalyRebuilder rebuilder) => TypedResults.Ok(rebuilder.Progress)).RequireScope(ApiScopes.Admin)
            .WithName("GetAnomalyRebuild").WithSummary("Progress of the running or the last rebuild; sameDetections tells whether the replay decided as the consumer did");
        return app;
    }

    private static IResult Start(HttpContext http, AnomalyRebuilder rebuilder) =>
        rebuilder.TryStart(http.ApiKey().Name)
            ? Results.Accepted(Route, rebuilder.Progress)
            : Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "A rebuild is running", detail: $"Follow it at GET {Route}.");
}
