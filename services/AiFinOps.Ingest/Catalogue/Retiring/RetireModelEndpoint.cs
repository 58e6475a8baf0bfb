using AiFinOps.Ingest.Catalogue.Keeping;
using AiFinOps.ServiceDefaults.Security;
using Marten;

namespace AiFinOps.Ingest.Catalogue.Retiring;

public static class RetireModelEndpoint
{
    public static void MapRetireModel(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/v1/prices/{provider}/{model}/retire", Retire)
            .RequireScope(ApiScopes.Admin)
            .WithSummary("Record that the provider stopped selling a model from a day on; later calls keep its last price")
            .ProducesValidationProblem()
            .ProducesProblem(404)
            .ProducesProblem(409);

    private static async Task<IResult> Retire(string provider, string model, RetireModel request, HttpContext http,
        IDocumentSession session, PriceCatalogue catalogue, TimeProvider clock, CancellationToken ct)
    {
        provider = provider.Trim().ToLowerInvariant();
        model = model.Trim().ToLowerInvariant();
        var (retiredOn, invalid) = RequestDates.Parse(request.RetiredOn, "retiredOn");
        if (invalid is not null) return invalid.ToProblem("The retirement is invalid");

        var stream = await session.Events.FetchForWriting<ModelPriceHistory>(ModelPriceHistory.StreamKey(provider, model), ct);
        var (retired, refusal) = CatalogueDecisions.Retire(stream.Aggregate, provider, model, retiredOn, http.ApiKey().Name, clock.GetUtcNow());
        if (refusal is not null) return refusal.ToProblem("The model cannot be retired");
        if (retired is null) return Results.Ok(new RetiredModel(provider, model, retiredOn!.Value));

        stream.AppendOne(retired);
        await session.SaveChangesAsync(ct);
        await catalogue.ChangedAsync(ct);
        return Results.Ok(new RetiredModel(provider, model, retired.RetiredOn));
    }
}

/// <summary>The first day the provider no longer sells the model (yyyy-MM-dd).</summary>
public sealed record RetireModel(string? RetiredOn);

public sealed record RetiredModel(string Provider, string Model, DateOnly RetiredOn);
