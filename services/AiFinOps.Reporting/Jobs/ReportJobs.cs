using Hangfire;
using Hangfire.PostgreSql;

namespace AiFinOps.Reporting.Jobs;

/// <summary>
/// Hangfire with PostgreSQL storage, a server to run report jobs, and the dashboard at <c>/hangfire</c> for admin keys.
/// No job is registered yet: the monthly report and the quarterly review pack come with their own issues.
/// </summary>
public static class ReportJobs
{
    public const string DashboardPath = "/hangfire";

    public static IHostApplicationBuilder AddReportJobs(this IHostApplicationBuilder builder, string connectionString, string schema)
    {
        builder.Services.AddHangfire(hangfire => hangfire
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
