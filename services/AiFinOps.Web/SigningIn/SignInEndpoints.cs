using System.Net;
using System.Net.Http.Json;
using AiFinOps.ServiceDefaults.Security;
using AiFinOps.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace AiFinOps.Web.SigningIn;

/// <summary>
/// Sign-in with an API key: ingest (which owns keys) says whether it is valid and what it may do; a valid key is kept in
/// a data-protected session cookie (HttpOnly, gone when the browser closes), never in the URL or a log.
/// </summary>
public static class SignInEndpoints
{
    public const string SignInPath = "/signin";

    public static void MapSignIn(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(SignInPath, SignInAsync).ExcludeFromDescription();
        routes.MapPost("/signout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect(SignInPath);
        }).ExcludeFromDescription();
    }

    private static async Task<IResult> SignInAsync([FromForm] string? key, [FromForm] string? returnUrl, HttpContext http,
        IHttpClientFactory clients, CancellationToken cancellationToken)
    {
        var back = SafeReturnUrl(returnUrl);
        if (string.IsNullOrWhiteSpace(key)) return Results.LocalRedirect(SignInPath + "?problem=empty&returnUrl=" + Uri.EscapeDataString(back));
        ApiKeyIdentity? identity;
        try
        {
            using var response = await clients.CreateClient(ApiServices.Ingest)
                .PostAsJsonAsync(RemoteApiKeyVerifier.VerifyPath, new KeyVerificationRequest(key.Trim()), cancellationToken);
            identity = response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<ApiKeyIdentity>(cancellationToken) : null;
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.NotFound))
                return Results.LocalRedirect(SignInPath + "?problem=unavailable&returnUrl=" + Uri.EscapeDataString(back));
        }
        catch (HttpRequestException)
        {
            return Results.LocalRedirect(SignInPath + "?problem=unavailable&returnUrl=" + Uri.EscapeDataString(back));
        }
        if (identity is null) return Results.LocalRedirect(SignInPath + "?problem=unknown&returnUrl=" + Uri.EscapeDataString(back));

        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, DashboardUser.Of(key.Trim(), identity),
            new AuthenticationProperties { IsPersistent = false });
        return Results.LocalRedirect(back);
    }

    /// <summary>Only a path of this site: an open redirect would send a fresh session anywhere.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) && !returnUrl.StartsWith(SignInPath, StringComparison.OrdinalIgnoreCase)
            ? returnUrl
            : "/";
}
