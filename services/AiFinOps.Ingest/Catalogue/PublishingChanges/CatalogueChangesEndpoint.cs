using AiFinOps.Contracts.Messages;
using AiFinOps.ServiceDefaults.Security;
using Marten;

namespace AiFinOps.Ingest.Catalogue.PublishingChanges;

public static class CatalogueChangesEndpoint
{
    public const int MaxLimit = 1_000;

    public static void MapCatalogueChanges(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/v1/prices/changes", List)
            .RequireScope(ApiScopes.Read)
            .WithSummary("The catalogue's changes in sequence order, each with the usage it re-prices (the CatalogueChanged messages)")
            .WithDescription("after: the last sequence already seen (default 0); limit: 1 to 1000 (default 100). A change affects " +
                "the provider's usage whose catalogueKeys contain its model (every model when null) and whose occurred_at lies in " +
                "[affectedFrom, affectedTo). lastPublishedSequence: how far the changes are on the bus.")
            .ProducesValidationProblem();

    private static async Task<IResult> List(string? after, string? limit, IQuerySession session, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        long from = 0;
        var size = 100;
        if (after is not null && (!long.TryParse(after, out from) || from < 0))
            errors["after"] = [$"'{after}' is not a sequence number (a whole number, 0 or more)"];
        if (limit is not null && (!int.TryParse(limit, out size) || size is < 1 or > MaxLimit))
            errors["limit"] = [$"'{limit}' is not a whole number from 1 to {MaxLimit}"];
        if (errors.Count > 0) return Results.ValidationProblem(errors, title: "The query is invalid");

        var events = await CatalogueChangeLog.ReadAsync(session, from, size, catalogueOnly: true, ct);
        var changes = new List<CatalogueChanged>(events.Count);
        foreach (var e in events)
        {
            if (await CatalogueChangeLog.ChangeOfAsync(session, e, ct) is { } change) changes.Add(change);
        }
        var published = await session.LoadAsync<PublishedCatalogueChanges>(PublishedCatalogueChanges.TheOne, ct);
        return Results.Ok(new CatalogueChangesPage(changes, published?.LastSequence ?? 0, events.Count == size ? events[^1].Sequence : null));
    }
}

/// <summary>A page of changes; <see cref="NextAfter"/> is the <c>after</c> of the next page (null on the last one).</summary>
public sealed record CatalogueChangesPage(IReadOnlyList<CatalogueChanged> Changes, long LastPublishedSequence, long? NextAfter);
