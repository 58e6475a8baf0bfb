using AiFinOps.Ingest.Catalogue.Keeping;
using AiFinOps.ServiceDefaults.Security;
using Marten;

namespace AiFinOps.Ingest.Catalogue.ListingPrices;

public static class PricesEndpoints
{
    public static void MapListPrices(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/prices", List)
            .RequireScope(ApiScopes.Read)
            .WithSummary("List the catalogue: every model's current price, optionally filtered")
            .WithDescription("provider: exact provider; search: part of the model name. Prices are USD per million tokens.");
        routes.MapGet("/api/v1/prices/{provider}/{model}", InForce)
            .RequireScope(ApiScopes.Read)
            .WithSummary("The price in force for a model (names as apps send them: snapshots, aliases) at a date, and its history")
            .ProducesValidationProblem();
    }

    private static IEnumerable<CataloguePrice> List(string? provider, string? search, PriceCatalogue catalogue) =>
        catalogue.Current.All
            .Where(p => provider is null || p.Provider == provider.ToLowerInvariant())
            .Where(p => search is null || p.Model.Contains(search, StringComparison.OrdinalIgnoreCase))
            .GroupBy(p => p.Key)
            .Select(g => g.MaxBy(p => p.EffectiveFrom)!)
            .OrderBy(p => p.Provider).ThenBy(p => p.Model);

    private static async Task<IResult> InForce(string provider, string model, string? at, PriceCatalogue catalogue,
        IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (at is not null && !DateOnly.TryParseExact(at, "yyyy-MM-dd", out day))
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["at"] = [$"'{at}' is not a date like 2025-11-01"] });

        var price = catalogue.Current.Find(provider.ToLowerInvariant(), model, day);
        if (price is null)
            return Results.Problem(statusCode: 404, title: "No price",
                detail: $"The catalogue has no price for {provider}/{model} on {day:yyyy-MM-dd}; calls to it are recorded as unpriced.");

        var history = await session.LoadAsync<ModelPriceHistory>(ModelPriceHistory.StreamKey(price.Provider, price.Model), ct);
        return Results.Ok(new PriceInForce(day, price, history?.Versions.OrderBy(v => v.EffectiveFrom).ToList() ?? [price], history?.Version ?? 0));
    }
}

/// <summary>The price in force on <see cref="On"/>, every version of the model's price and the stream version.</summary>
public sealed record PriceInForce(DateOnly On, CataloguePrice Price, IReadOnlyList<CataloguePrice> History, int CatalogueVersion);
