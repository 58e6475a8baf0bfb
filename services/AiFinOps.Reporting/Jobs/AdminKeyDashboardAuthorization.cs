using AiFinOps.ServiceDefaults.Security;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;

namespace AiFinOps.Reporting.Jobs;

/// <summary>
/// The Hangfire dashboard can run, delete and requeue jobs: only <c>admin</c> keys get in. A browser without a key is
/// challenged with Basic, so it prompts (any user name, the API key as password); a key without admin gets a 403.
/// </summary>
public sealed class AdminKeyDashboardAuthorization : IDashboardAsyncAuthorizationFilter
{
    public const string Challenge = "Basic realm=\"AiFinOps (any user name, API key as password)\", charset=\"UTF-8\"";

    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var result = await http.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName);
        if (!result.Succeeded)
        {
            http.Response.Headers.WWWAuthenticate = Challenge;
            return false;
        }

        // Hangfire answers 403 rather than 401 when the request's user is authenticated.
        http.User = result.Principal;
        return http.ApiKey().HasScope(ApiScopes.Admin);
    }
}
