using AiFinOps.ServiceDefaults.Security;
using Marten;

namespace AiFinOps.Ingest.Keys.ListingKeys;

public static class ListKeysEndpoint
{
    public static void MapListKeys(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/v1/keys", Handle)
            .RequireScope(ApiScopes.Admin)
            .WithSummary("List API keys (never their secrets)");

    private static async Task<IReadOnlyList<ApiKeyView>> Handle(IQuerySession session, CancellationToken ct)
    {
        var keys = await session.Query<ApiKey>().OrderBy(k => k.IssuedAt).ToListAsync(ct);
        return keys.Select(k => ApiKeyView.Of(k)).ToList();
    }
}
