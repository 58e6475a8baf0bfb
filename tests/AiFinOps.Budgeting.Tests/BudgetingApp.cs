using AiFinOps.Budgeting;
using AiFinOps.ServiceDefaults.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiFinOps.Budgeting.Tests;

/// <summary>The budgeting service for one test class, against the real servers (see <see cref="ServiceApp{TProgram}"/>).</summary>
public sealed class BudgetingApp() : ServiceApp<Program>(BudgetingModule.Name)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IApiKeyVerifier>();
            services.AddSingleton<IApiKeyVerifier, FinanceKeys>();
        });
    }
}

/// <summary><see cref="TestApiKeys"/> and finance keys: <c>test-finance</c>, and <c>test-finance-of:TEAM</c> restricted to one team.</summary>
public sealed class FinanceKeys : IApiKeyVerifier
{
    public const string Finance = "test-finance";

    public static string FinanceOf(string team) => "test-finance-of:" + team;

    private readonly TestApiKeys others = new();

    public Task<ApiKeyIdentity?> VerifyAsync(string presentedKey, CancellationToken cancellationToken) => presentedKey switch
    {
        Finance => Task.FromResult<ApiKeyIdentity?>(new(presentedKey, presentedKey, [ApiScopes.Finance], [], [])),
        _ when presentedKey.StartsWith("test-finance-of:", StringComparison.Ordinal) => Task.FromResult<ApiKeyIdentity?>(
            new(presentedKey, presentedKey, [ApiScopes.Finance], [presentedKey["test-finance-of:".Length..]], [])),
        _ => others.VerifyAsync(presentedKey, cancellationToken),
    };
}
