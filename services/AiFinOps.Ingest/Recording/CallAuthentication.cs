using AiFinOps.ServiceDefaults.Security;
using Grpc.Core;

namespace AiFinOps.Ingest.Recording;

/// <summary>Resolves <c>authorization: Bearer &lt;api key&gt;</c> metadata: UNAUTHENTICATED when missing or unknown,
/// PERMISSION_DENIED when the key lacks the scope.</summary>
public sealed class CallAuthentication(IApiKeyVerifier verifier)
{
    public async Task<ApiKeyIdentity> RequireAsync(ServerCallContext context, string scope)
    {
        var header = context.RequestHeaders.GetValue("authorization");
        if (string.IsNullOrWhiteSpace(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            throw new RpcException(new Status(StatusCode.Unauthenticated,
                "missing API key: send metadata 'authorization: Bearer <api key>'"));

        var identity = await verifier.VerifyAsync(header["Bearer ".Length..].Trim(), context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.Unauthenticated, "unknown or revoked API key"));

        if (!identity.HasScope(scope))
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"key '{identity.Name}' lacks the '{scope}' scope (it has: {string.Join(", ", identity.Scopes)})"));
        return identity;
    }
}
