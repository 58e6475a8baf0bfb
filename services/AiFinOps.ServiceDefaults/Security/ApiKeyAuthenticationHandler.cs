using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFinOps.ServiceDefaults.Security;

/// <summary>
/// Reads <c>Authorization: Bearer &lt;key&gt;</c> (APIs, gRPC) or <c>Basic</c> with the key as password (browsers,
/// e.g. the Hangfire dashboard and HTML reports). The key itself is never logged.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IApiKeyVerifier verifier) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    private const string VerificationUnavailable = "aifinops:key-verification-unavailable";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey(Request.Headers.Authorization.ToString());
        if (presented is null) return AuthenticateResult.NoResult();

        ApiKeyIdentity? identity;
        try
        {
            identity = await verifier.VerifyAsync(presented, Context.RequestAborted);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !Context.RequestAborted.IsCancellationRequested)
        {
            Logger.LogWarning(ex, "API keys cannot be verified: the key service does not answer");
            Context.Items[VerificationUnavailable] = true;
            return AuthenticateResult.Fail("API keys cannot be verified right now.");
        }
        if (identity is null) return AuthenticateResult.Fail("Unknown or revoked API key.");

        Context.Items[typeof(ApiKeyIdentity)] = identity;
        var principal = new ClaimsPrincipal(new ClaimsIdentity(ApiKeyClaims.From(identity), SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.ContainsKey(VerificationUnavailable))
        {
            // Not the caller's fault: 503 with a Retry-After, never a misleading 401.
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = "5";
            await Response.WriteAsJsonAsync(new ProblemDetails
            {
                Status = 503,
                Title = "API keys cannot be verified right now",
                Detail = "The key service (ingest) does not answer. Retry shortly.",
            }, options: null, contentType: "application/problem+json");
            return;
        }
        // Pages a browser opens (the Hangfire dashboard, HTML reports) ask for Basic, so the browser prompts.
        Response.Headers.WWWAuthenticate = Request.Path.StartsWithSegments("/hangfire") || Request.Path.Value?.EndsWith(".html", StringComparison.Ordinal) == true
            ? "Basic realm=\"AiFinOps (any user name, API key as password)\""
            : "Bearer";
        var reason = PresentedKey(Request.Headers.Authorization.ToString()) is null
            ? "is missing: send the header 'Authorization: Bearer <api key>'"
            : "names an unknown or revoked API key";
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "An API key is required", reason);
    }

    /// <summary>403 naming the scope the endpoint needs and the scopes the key has (never the key itself).</summary>
    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var needed = Context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .Select(a => a.Policy).FirstOrDefault(p => p?.StartsWith("scope:", StringComparison.Ordinal) == true)?["scope:".Length..];
        var key = Context.Items[typeof(ApiKeyIdentity)] as ApiKeyIdentity;
        var reason = $"key '{key?.Name}' lacks the '{needed}' scope this endpoint needs (it has: {string.Join(", ", key?.Scopes ?? [])})";
        await WriteProblemAsync(StatusCodes.Status403Forbidden, "The API key may not do this", reason);
    }

    /// <summary>RFC 9457 problem details with the <c>authorization</c> header as the field at fault.</summary>
    private Task WriteProblemAsync(int status, string title, string reason)
    {
        Response.StatusCode = status;
        return Response.WriteAsJsonAsync(new ValidationProblemDetails(new Dictionary<string, string[]> { ["authorization"] = [reason] })
        {
            Status = status,
            Title = title,
            Detail = $"authorization: {reason}",
        }, options: null, contentType: "application/problem+json");
    }

    internal static string? PresentedKey(string header)
    {
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var key = header["Bearer ".Length..].Trim();
            return key.Length == 0 ? null : key;
        }
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
                var colon = decoded.IndexOf(':');
                return colon < 0 || colon == decoded.Length - 1 ? null : decoded[(colon + 1)..];
            }
            catch (FormatException)
            {
                return null;
            }
        }
        return null;
    }
}
