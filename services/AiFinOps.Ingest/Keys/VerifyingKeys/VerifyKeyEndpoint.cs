using AiFinOps.ServiceDefaults.Security;

namespace AiFinOps.Ingest.Keys.VerifyingKeys;

/// <summary>Lets the other services check a presented key. Internal: the gateway does not route <c>/internal</c>.</summary>
public static class VerifyKeyEndpoint
{
    public static void MapVerifyKey(this IEndpointRouteBuilder routes) =>
        routes.MapPost(RemoteApiKeyVerifier.VerifyPath, Handle).AllowAnonymous().ExcludeFromDescription();

    private static async Task<IResult> Handle(KeyVerificationRequest request, IApiKeyVerifier verifier, CancellationToken ct) =>
        string.IsNullOrEmpty(request.Key) || await verifier.VerifyAsync(request.Key, ct) is not { } identity
            ? Results.NotFound()
            : Results.Ok(identity);
}
