using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace AiFinOps.ServiceDefaults.Security;

/// <summary>Maps an <see cref="ApiKeyIdentity"/> to claims and back.</summary>
public static class ApiKeyClaims
{
    public const string KeyId = "aifinops:key_id";
    public const string Scope = "aifinops:scope";
    public const string Team = "aifinops:team";
    public const string Environment = "aifinops:environment";

    public static IEnumerable<Claim> From(ApiKeyIdentity identity) =>
        new[] { new Claim(KeyId, identity.KeyId), new Claim(ClaimTypes.Name, identity.Name) }
            .Concat(identity.Scopes.Select(s => new Claim(Scope, s)))
            .Concat(identity.Teams.Select(t => new Claim(Team, t)))
            .Concat(identity.Environments.Select(e => new Claim(Environment, e)));

    /// <summary>The identity of the caller; only valid behind an endpoint that requires authorization.</summary>
    public static ApiKeyIdentity ApiKey(this HttpContext context) =>
        context.Items[typeof(ApiKeyIdentity)] as ApiKeyIdentity
        ?? throw new InvalidOperationException("No API key on this request: the endpoint must require a scope.");
}
