using AiFinOps.Budgeting;
using AiFinOps.ServiceDefaults.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiFinOps.Budgeting.Tests;

/// <summary>
/// The budgeting service for one test class, against the real servers (see <see cref="ServiceApp{TProgram}"/>). The
/// org-wide monthly alert is off here, so a class's spend adds up to no org alert; <see cref="OrgAlertingBudgetingApp"/>
/// runs it as configured by default.
/// </summary>
public class BudgetingApp() : ServiceApp<Program>(BudgetingModule.Name)
{
    /// <summary><c>Budgeting:OrgMonthlyAlertUsd</c>, or null to leave it unset (the default, $500).</summary>
    protected virtual string? OrgMonthlyAlertUsd => "0";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (OrgMonthlyAlertUsd is { } org) builder.UseSetting("Budgeting:OrgMonthlyAlertUsd", org);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IApiKeyVerifier>();
            services.AddSingleton<IApiKeyVerifier, FinanceKeys>();
        });
    }
}

/// <summary>The budgeting service with the org-wide monthly alert as it is by default (at $500).</summary>
public sealed class OrgAlertingBudgetingApp : BudgetingApp
{
    protected override string? OrgMonthlyAlertUsd => null;
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
