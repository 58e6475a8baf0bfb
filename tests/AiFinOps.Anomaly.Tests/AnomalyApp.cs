using AiFinOps.Anomaly;
using AiFinOps.ServiceDefaults.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiFinOps.Anomaly.Tests;

/// <summary>
/// The anomaly service for one test class, against the real servers (see <see cref="ServiceApp{TProgram}"/>). The
/// wall-clock sweep is off: tests close idle runs through traffic or by calling the sweep with a simulated time.
/// </summary>
public class AnomalyApp() : ServiceApp<Program>(AnomalyModule.Name)
{
    /// <summary>The messaging prefix of this app's exchanges and queues (what an <see cref="AlertListener"/> listens on).</summary>
    public string MessagingPrefix => Schema.Replace('_', '-');

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Anomaly:Runs:SweepInterval", "00:00:00");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IApiKeyVerifier>();
            services.AddSingleton<IApiKeyVerifier, AdminKeys>();
        });
    }
}

/// <summary><see cref="TestApiKeys"/>, and <c>test-admin-of:TEAM</c>: an admin key restricted to one team.</summary>
public sealed class AdminKeys : IApiKeyVerifier
{
    public static string AdminOf(string team) => "test-admin-of:" + team;

    private readonly TestApiKeys others = new();

    public Task<ApiKeyIdentity?> VerifyAsync(string presentedKey, CancellationToken cancellationToken) =>
        presentedKey.StartsWith("test-admin-of:", StringComparison.Ordinal)
            ? Task.FromResult<ApiKeyIdentity?>(new(presentedKey, presentedKey, [ApiScopes.Admin], [presentedKey["test-admin-of:".Length..]], []))
            : others.VerifyAsync(presentedKey, cancellationToken);
}
