using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiFinOps.ServiceDefaults.Security;

public static class SecurityExtensions
{
    public const string IngestServiceName = "ingest";

    /// <summary>API-key authentication with one policy per scope. Keys are verified by the ingest service,
    /// unless the service registered its own <see cref="IApiKeyVerifier"/> first (ingest does).</summary>
    public static IHostApplicationBuilder AddApiKeySecurity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        if (builder.Services.All(d => d.ServiceType != typeof(IApiKeyVerifier)))
        {
            builder.Services.AddHttpClient<IApiKeyVerifier, RemoteApiKeyVerifier>(http =>
                http.BaseAddress = new Uri(builder.Configuration["AIFINOPS_KEYS_URL"] ?? $"http://{IngestServiceName}"));
        }

        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(
                ApiKeyAuthenticationHandler.SchemeName, null);

        var authorization = builder.Services.AddAuthorizationBuilder();
        foreach (var scope in ApiScopes.All)
        {
            authorization.AddPolicy(PolicyFor(scope), policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(ctx => ctx.User.FindAll(ApiKeyClaims.Scope).Any(c => ApiScopes.Grants([c.Value], scope))));
        }
        return builder;
    }

    public static string PolicyFor(string scope) => "scope:" + scope;

    public static TBuilder RequireScope<TBuilder>(this TBuilder endpoint, string scope) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(PolicyFor(scope));
}
