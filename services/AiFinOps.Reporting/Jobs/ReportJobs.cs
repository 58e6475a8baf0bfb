using Hangfire;
using Hangfire.PostgreSql;

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
        builder.Services.AddHangfire((services, hangfire) => hangfire
            .UseLogProvider(new HostLogProvider(services.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(
                storage => storage.UseNpgsqlConnection(connectionString),
                new PostgreSqlStorageOptions { SchemaName = schema, PrepareSchemaIfNecessary = true }));
        // Reports are few and heavy on the database: a couple of workers, not Hangfire's default of 5 per core.
        builder.Services.AddHangfireServer(server => server.WorkerCount = 2);
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
