using AiFinOps.Budgeting.Alerts.Forecasting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AiFinOps.Budgeting.Tests;

/// <summary>A clock that always reads the same instant: forecasts depend on the time of day, tests must not.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>
/// The budgeting service at <see cref="Now"/>, midway through November 2026: a budget defined then counts from 2026-11,
/// and half the month has passed, so a forecast is twice the spend so far (see <see cref="SpendForecast"/>).
/// </summary>
public sealed class MidNovemberBudgetingApp : BudgetingApp
{
    public static readonly DateTimeOffset Now = new(2026, 11, 16, 0, 0, 0, TimeSpan.Zero);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new FixedClock(Now)));
    }
}
