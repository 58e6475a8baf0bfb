using AiFinOps.Ingest.Keys.VerifyingKeys;
using AiFinOps.ServiceDefaults.Security;
using Marten;

namespace AiFinOps.Ingest.Keys.RevokingKeys;

public static class RevokeKeyEndpoint
{
    public static void MapRevokeKey(this IEndpointRouteBuilder routes) =>
        routes.MapDelete("/api/v1/keys/{keyId}", Handle)
            .RequireScope(ApiScopes.Admin)
            .WithSummary("Revoke an API key (idempotent)");

    private static async Task<IResult> Handle(string keyId, IDocumentSession session, LocalApiKeyVerifier verifier, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<ApiKey>(keyId, ct);
        if (stream.Aggregate is null)
            return Results.Problem(statusCode: 404, title: "No such key", detail: $"No API key has the id '{keyId}'.");

        if (ApiKeyDecisions.Revoke(stream.Aggregate, clock.GetUtcNow()) is { } revoked)
        {
            stream.AppendOne(revoked);
            await session.SaveChangesAsync(ct);
        }
        verifier.Forget(stream.Aggregate.KeyHash);
        return Results.NoContent();
    }
}
