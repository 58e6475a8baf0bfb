using AiFinOps.Ingest.Catalogue.Keeping;
using AiFinOps.ServiceDefaults.Security;
using Marten;

namespace AiFinOps.Ingest.Catalogue.SettingPrices;

public static class SetPriceEndpoints
{
    public static void MapSetPrices(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/prices", Set)
            .RequireScope(ApiScopes.Admin)
            .WithSummary("Set a model's price from a date (a new version; the same figures again change nothing)")
            .ProducesValidationProblem();
        routes.MapPut("/api/v1/prices/{provider}/{model}/{effectiveFrom}", Correct)
            .RequireScope(ApiScopes.Admin)
            .WithSummary("Correct an existing price version, with a reason (the earlier figures stay in its history)")
            .ProducesValidationProblem();
    }

    private static async Task<IResult> Set(CataloguePrice price, HttpContext http, IDocumentSession session,
        PriceCatalogue catalogue, TimeProvider clock, CancellationToken ct)
    {
        price = Normalised(price);
        if (CatalogueDecisions.Check(price) is { Count: > 0 } errors) return Results.ValidationProblem(errors, title: "The price is invalid");

        var key = ModelPriceHistory.StreamKey(price.Provider, price.Model);
        var stream = await session.Events.FetchForWriting<ModelPriceHistory>(key, ct);
        var (set, conflict) = CatalogueDecisions.Set(stream.Aggregate, price, http.ApiKey().Name, clock.GetUtcNow());
        if (conflict is not null) return Results.Problem(statusCode: 409, title: "That price version exists", detail: conflict);
        if (set is null) return Results.Ok(price);

        stream.AppendOne(set);
        await session.SaveChangesAsync(ct);
        await catalogue.ChangedAsync(ct);
        return Results.Created($"/api/v1/prices/{price.Provider}/{price.Model}?at={price.EffectiveFrom:yyyy-MM-dd}", price);
    }

    private static async Task<IResult> Correct(string provider, string model, DateOnly effectiveFrom, CorrectPrice request,
        HttpContext http, IDocumentSession session, PriceCatalogue catalogue, TimeProvider clock, CancellationToken ct)
    {
        var price = Normalised(request.Price with { Provider = provider, Model = model, EffectiveFrom = effectiveFrom });
        if (CatalogueDecisions.Check(price) is { Count: > 0 } errors) return Results.ValidationProblem(errors, title: "The price is invalid");

        var stream = await session.Events.FetchForWriting<ModelPriceHistory>(ModelPriceHistory.StreamKey(provider, model), ct);
        var (corrected, error) = CatalogueDecisions.Correct(stream.Aggregate, price, request.Reason, http.ApiKey().Name, clock.GetUtcNow());
        if (corrected is null)
            return stream.Aggregate?.VersionFrom(effectiveFrom) is null
                ? Results.Problem(statusCode: 404, title: "No such price version", detail: error)
                : Results.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = [error!] });

        stream.AppendOne(corrected);
        await session.SaveChangesAsync(ct);
        await catalogue.ChangedAsync(ct);
        return Results.Ok(price);
    }

    private static CataloguePrice Normalised(CataloguePrice price) => price with
    {
        Provider = price.Provider.Trim().ToLowerInvariant(),
        Model = price.Model.Trim().ToLowerInvariant(),
    };
}

/// <summary>A corrected price version and why the earlier figures were wrong.</summary>
public sealed record CorrectPrice(CataloguePrice Price, string Reason);
