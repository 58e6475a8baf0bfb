using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace AiFinOps.Reporting.Jobs;

/// <summary>
/// Hangfire with PostgreSQL storage, a server to run report jobs, the recurring report jobs (<see cref="ReportSchedule"/>),
/// and the dashboard at <c>/hangfire</c> for admin keys, where failed and retried jobs show.
/// </summary>
public static class ReportJobs
{
    public const string DashboardPath = "/hangfire";

    public static IHostApplicationBuilder AddReportJobs(this IHostApplicationBuilder builder, string connectionString, string schema)
    {
        // This host's own storage and job activator, registered before AddHangfire: otherwise Hangfire hands every host
        // the process-wide JobStorage.Current and JobActivator.Current (the last host's), and with several hosts in one
        // process (tests) one host's jobs ran in another, disposed host's services.
        builder.Services.AddSingleton<JobStorage>(_ =>
        {
            var options = new PostgreSqlStorageOptions { SchemaName = schema, PrepareSchemaIfNecessary = true };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
        });
        builder.Services.AddSingleton<JobActivator>(services => new AspNetCoreJobActivator(services.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddHangfire((services, hangfire) => hangfire
            .UseLogProvider(new HostLogProvider(services.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        // Reports are few and heavy on the database: a couple of workers, not Hangfire's default of 5 per core.
        builder.Services.AddHangfireServer((services, server) =>
        {
            server.WorkerCount = 2;
            server.Activator = services.GetRequiredService<JobActivator>();
        });
        return builder;
    }

    /// <summary>Registers (or updates) the recurring report jobs in Hangfire's storage.</summary>
    public static WebApplication ScheduleReportJobs(this WebApplication app)
    {
        ReportSchedule.Register(app.Services.GetRequiredService<IRecurringJobManager>());
        return app;
    }

    public static WebApplication MapReportJobsDashboard(this WebApplication app)
    {
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            DashboardTitle = "AiFinOps report jobs",
            AppPath = null,
            AsyncAuthorization = [new AdminKeyDashboardAuthorization()],
        });
        return app;
    }
}
