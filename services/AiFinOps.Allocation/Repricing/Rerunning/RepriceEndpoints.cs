using AiFinOps.ServiceDefaults.Queries;
using AiFinOps.ServiceDefaults.Security;

namespace AiFinOps.Allocation.Repricing.Rerunning;

public static class RepriceEndpoints
{
    private const string Route = "/api/v1/admin/ledger/reprice";

    public static void MapReprice(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(Route, Start)
            .RequireScope(ApiScopes.Admin)
            .WithSummary("Re-price booked usage with the catalogue as it is now (runs in the background): the differences are booked as re-pricing lines, as corrections where the period is closed")
            .WithDescription("provider (required), model (optional: a catalogue model name; every model when absent). " + TimeRange.Describe("this month so far") +
                " The calls affected are those a catalogue change of that provider and model would affect.")
            .ProducesValidationProblem();
        routes.MapGet(Route, (RepricingRuns runs) => Results.Ok(runs.Recent))
            .RequireScope(ApiScopes.Admin)
            .WithSummary("The recent admin re-pricings and their progress");
        routes.MapGet(Route + "/{run}", (string run, RepricingRuns runs) => runs.Find(run) is { } found ? Results.Ok(found) : Results.NotFound())
            .RequireScope(ApiScopes.Admin)
            .WithSummary("Progress of one admin re-pricing");
    }

    private static IResult Start(string? provider, string? model, string? from, string? to, HttpContext http, RepricingRuns runs, TimeProvider clock)
    {
        if (http.ApiKey().IsTeamRestricted)
            return Results.Problem(statusCode: 403, title: "Forbidden", detail: "A team-restricted key cannot re-price the whole organisation's ledger.");
        var (range, errors) = TimeRange.Parse(from, to, TimeRange.ThisMonthSoFar(clock.GetUtcNow()));
        if (string.IsNullOrWhiteSpace(provider)) errors["provider"] = ["is required: the provider whose usage to re-price, like openai"];
        if (range is null || errors.Count > 0) return Results.ValidationProblem(errors, title: "The re-pricing request is invalid");

        var run = runs.Start(provider!.Trim().ToLowerInvariant(), string.IsNullOrWhiteSpace(model) ? null : model.Trim().ToLowerInvariant(),
            range.Value.From, range.Value.To, http.ApiKey().Name);
        return Results.Accepted($"{Route}/{run.Run}", run);
    }
}
