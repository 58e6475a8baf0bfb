using AiFinOps.Ingest.Catalogue.Keeping;
using AiFinOps.ServiceDefaults.Security;
using Marten;

namespace AiFinOps.Ingest.Catalogue.Aliasing;

public static class AliasEndpoints
{
    public static void MapAliases(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/prices/aliases", Alias)
            .RequireScope(ApiScopes.Admin)
            .WithSummary("Declare a model name an alias of a priced catalogue model (e.g. a Bedrock or Azure name); calls " +
                "sent under it are priced as the target, whenever they were made")
            .WithDescription("targetProvider defaults to provider. The target must have a price and not be an alias itself; " +
                "re-pointing an existing alias needs replace=true.")
            .ProducesValidationProblem()
            .ProducesProblem(409);
        routes.MapGet("/api/v1/prices/aliases", List)
            .RequireScope(ApiScopes.Read)
            .WithSummary("The catalogue's aliases, optionally of one provider");
    }

    private static async Task<IResult> Alias(AliasModel request, HttpContext http, IDocumentSession session,
        PriceCatalogue catalogue, TimeProvider clock, CancellationToken ct)
    {
        var provider = Normalised(request.Provider);
        var alias = new ModelAlias(provider, Normalised(request.Alias), Normalised(request.TargetProvider) is { Length: > 0 } tp ? tp : provider,
            Normalised(request.TargetModel));
        var aliases = await session.Query<CatalogueAlias>().ToListAsync(ct);
        var priced = await session.Query<ModelPriceHistory>().ToListAsync(ct);
        var (aliased, refusal) = CatalogueDecisions.Alias(alias, request.Replace, [.. aliases.Select(a => a.Alias)],
            priced.Select(h => $"{h.Provider}/{h.Model}".ToLowerInvariant()).ToHashSet(), http.ApiKey().Name, clock.GetUtcNow());
        if (refusal is not null) return refusal.ToProblem("The alias is refused");
        if (aliased is null) return Results.Ok(alias);

        var stream = await session.Events.FetchForWriting<CatalogueAlias>(CatalogueAlias.StreamKey(alias.Provider, alias.Alias), ct);
        stream.AppendOne(aliased);
        await session.SaveChangesAsync(ct);
        await catalogue.ChangedAsync(ct);
        return stream.Aggregate is null ? Results.Created($"/api/v1/prices/aliases?provider={alias.Provider}", alias) : Results.Ok(alias);
    }

    private static async Task<IReadOnlyList<ModelAlias>> List(string? provider, IQuerySession session, CancellationToken ct)
    {
        var aliases = await session.Query<CatalogueAlias>().ToListAsync(ct);
        return [.. aliases.Select(a => a.Alias)
            .Where(a => provider is null || a.Provider == provider.Trim().ToLowerInvariant())
            .OrderBy(a => a.Provider, StringComparer.Ordinal).ThenBy(a => a.Alias, StringComparer.Ordinal)];
    }

    private static string Normalised(string? name) => name?.Trim().ToLowerInvariant() ?? "";
}

/// <summary>Calls to <see cref="Provider"/>/<see cref="Alias"/> are priced as <see cref="TargetProvider"/>/<see cref="TargetModel"/>.</summary>
public sealed record AliasModel(string? Provider, string? Alias, string? TargetProvider, string? TargetModel, bool Replace = false);
