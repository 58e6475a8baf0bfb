using AiFinOps.Web.Api;
using AiFinOps.Web.Components;
using AiFinOps.Web.Downloads;
using AiFinOps.Web.SigningIn;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace AiFinOps.Web;

public static class WebModule
{
    public static IHostApplicationBuilder AddDashboard(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            // A session cookie (no expiry: gone with the browser), encrypted by data protection, unreadable by scripts.
            cookie.Cookie.Name = "aifinops.session";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            cookie.LoginPath = SignInEndpoints.SignInPath;
            cookie.ReturnUrlParameter = "returnUrl";
        });
        builder.Services.AddAuthorization();

        foreach (var service in ApiServices.All)
        {
            var address = builder.Configuration[$"Web:Services:{service}"] is { Length: > 0 } configured ? configured : $"http://{service}";
            builder.Services.AddHttpClient(service, http => http.BaseAddress = new Uri(address));
        }
        builder.Services.AddSingleton<DashboardApi>();
        builder.Services.AddSingleton(new DashboardSettings(
            TimeSpan.FromSeconds(builder.Configuration.GetValue("Web:RefreshSeconds", 5))));
        return builder;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapSignIn();
        app.MapDownloads();
        return app;
    }
}

/// <summary><c>Web:RefreshSeconds</c>: how often open pages re-read month-to-date figures (default 5 s).</summary>
public sealed record DashboardSettings(TimeSpan Refresh);
