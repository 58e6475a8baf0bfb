using AiFinOps.Reporting.Endpoints;
using AiFinOps.Reporting.Jobs;
using AiFinOps.Reporting.Monthly;
using AiFinOps.Reporting.Outcomes;
using AiFinOps.Reporting.Outcomes.GettingOutcomes;
using AiFinOps.Reporting.Outcomes.RecordingOutcomes;
using AiFinOps.Reporting.Publishing;
using AiFinOps.Reporting.Quarterly;
using AiFinOps.Reporting.Reviews;
using AiFinOps.Reporting.Sources;
using AiFinOps.Reporting.Storing;
using AiFinOps.Reporting.Usage;
using AiFinOps.Reporting.Usage.RecordingUsage;
using AiFinOps.ServiceDefaults;
using AiFinOps.ServiceDefaults.Marten;
using AiFinOps.ServiceDefaults.Messaging;
using JasperFx.Events.Projections;
using MassTransit;

namespace AiFinOps.Reporting;

/// <summary>Everything reporting needs: Hangfire, the event store, the bus, the other services' APIs, the REST reads.</summary>
public static class ReportingModule
{
    public const string Name = "reporting";

    public static IHostApplicationBuilder AddReporting(this IHostApplicationBuilder builder)
    {
        var postgres = builder.AddDatabase();
        // Tests may give each class its own schemas; in production they are named after the service.
        var schema = builder.Configuration["Reporting:Schema"] ?? Name;
        builder.AddEventStore(schema, applyChangesLockId: 4_207_005, o =>
        {
            o.Projections.Add<DeliveredOutcomeProjection>(ProjectionLifecycle.Inline);
            o.Projections.Add<StoredReportProjection>(ProjectionLifecycle.Inline);
            o.Projections.Add<QuarterReviewProjection>(ProjectionLifecycle.Inline);
            DeliveredOutcome.Configure(o);
            o.Schema.For<StoredReport>().Duplicate(r => r.Kind);
            o.Storage.ExtendedSchemaObjects.AddRange(CallProfileTables.Tables(schema));
        });

        builder.AddReportJobs(postgres, JobStorageSchema.For(schema));

        builder.AddMessaging(Name, bus =>
        {
            bus.AddConsumer<OutcomeBatchRecordedConsumer, OutcomeBatchRecordedConsumerDefinition>();
            bus.AddConsumer<UsageBatchPricedConsumer, UsageBatchPricedConsumerDefinition>();
        });

        builder.AddReportSources();
        builder.Services.AddSingleton(ReportingSettings.From(builder.Configuration));
        builder.Services.AddSingleton<OutcomeReader>();
        builder.Services.AddSingleton<CallProfiles>();
        builder.Services.AddSingleton<ProfileCalls>();
        builder.Services.AddSingleton<ReportStore>();
        builder.Services.AddScoped<MonthlyInputsGatherer>();
        builder.Services.AddScoped<ReviewPackInputsGatherer>();
        builder.Services.AddScoped<ReportPublisher>();
        builder.Services.AddScoped<ReportGenerator>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>Named clients of the services reports read (service discovery: <c>http://allocation</c>…; <c>Reporting:Sources:{name}</c> overrides), each presenting the service key.</summary>
    private static void AddReportSources(this IHostApplicationBuilder builder)
    {
        builder.Services.AddTransient<ServiceKeyHandler>();
        foreach (var service in ReportSources.Services)
        {
            builder.Services.AddHttpClient(service, http =>
                    http.BaseAddress = new Uri(builder.Configuration[$"Reporting:Sources:{service}"] ?? $"http://{service}"))
                .AddHttpMessageHandler<ServiceKeyHandler>();
        }
        builder.Services.AddTransient<ReportSources>();
    }

    public static WebApplication UseReporting(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi();
        app.ScheduleReportJobs();
        app.MapReportJobsDashboard();
        app.MapOutcomes();
        app.MapReports();
        app.MapReviewDecisions();
        return app;
    }
}
