using AiFinOps.ServiceDefaults.Security;
using Marten;

namespace AiFinOps.Ingest.Keys.IssuingKeys;

public static class IssueKeyEndpoint
{
    public static void MapIssueKey(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/v1/keys", Handle)
            .RequireScope(ApiScopes.Admin)
            .WithSummary("Issue an API key (the secret is shown once)")
            .ProducesValidationProblem();

    private static async Task<IResult> Handle(IssueKey command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var (keyId, secret) = KeySecrets.Generate();
        var (issued, errors) = ApiKeyDecisions.Issue(command, keyId, KeyHash.Of(secret), clock.GetUtcNow());
        if (issued is null) return Results.ValidationProblem(errors, title: "The key request is invalid");

        session.Events.StartStream<ApiKey>(keyId, issued);
        await session.SaveChangesAsync(ct);
        return Results.Created($"/api/v1/keys/{keyId}", ApiKeyView.Of(ApiKey.Create(issued), secret));
    }
}
