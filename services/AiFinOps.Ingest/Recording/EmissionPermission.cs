using AiFinOps.ServiceDefaults.Security;
using Grpc.Core;

namespace AiFinOps.Ingest.Recording;

/// <summary>A key restricted to teams or environments may only emit for them; the whole call is refused otherwise.</summary>
public static class EmissionPermission
{
    public static void Demand(ApiKeyIdentity key, IEnumerable<ValidUsage> usages)
    {
        foreach (var usage in usages)
        {
            if (!key.AllowsTeam(usage.Team))
                throw Denied(key, $"team '{usage.Team}' (event {usage.EventId})", string.Join(", ", key.Teams));
            if (!key.AllowsEnvironment(usage.Environment))
                throw Denied(key, $"environment '{usage.Environment}' (event {usage.EventId})", string.Join(", ", key.Environments));
        }
    }

    private static RpcException Denied(ApiKeyIdentity key, string what, string allowed) =>
        new(new Status(StatusCode.PermissionDenied,
            $"key '{key.Name}' may not emit usage for {what}; it is restricted to: {allowed}. Nothing in this call was recorded."));
}
