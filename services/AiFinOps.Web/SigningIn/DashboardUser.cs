using System.Security.Claims;
using AiFinOps.ServiceDefaults.Security;

namespace AiFinOps.Web.SigningIn;

/// <summary>
/// The signed-in user as the session cookie holds it (encrypted by ASP.NET Core data protection): the API key the
/// dashboard presents on their behalf, and what ingest said the key may do — shown in the header, never logged.
/// </summary>
public static class DashboardUser
{
    public const string KeyClaim = "aifinops:key";
    public const string NameClaim = "aifinops:key-name";
    public const string ScopeClaim = "aifinops:scope";
    public const string TeamClaim = "aifinops:team";

    public static ClaimsPrincipal Of(string key, ApiKeyIdentity identity) => new(new ClaimsIdentity(
    [
        new Claim(KeyClaim, key),
        new Claim(NameClaim, identity.Name),
        .. identity.Scopes.Select(s => new Claim(ScopeClaim, s)),
        .. identity.Teams.Select(t => new Claim(TeamClaim, t)),
    ], "api-key", NameClaim, null));

    public static string? KeyOf(ClaimsPrincipal user) => user.FindFirst(KeyClaim)?.Value;

    public static IReadOnlyList<string> ScopesOf(ClaimsPrincipal user) => [.. user.FindAll(ScopeClaim).Select(c => c.Value)];

    public static IReadOnlyList<string> TeamsOf(ClaimsPrincipal user) => [.. user.FindAll(TeamClaim).Select(c => c.Value)];
}
