using AiFinOps.Reporting.Jobs;
using AiFinOps.Reporting.Outcomes;
using AiFinOps.Reporting.Outcomes.GettingOutcomes;
using AiFinOps.Reporting.Outcomes.RecordingOutcomes;
using AiFinOps.ServiceDefaults;
using AiFinOps.ServiceDefaults.Marten;
using AiFinOps.ServiceDefaults.Messaging;
using JasperFx.Events.Projections;
using MassTransit;

namespace AiFinOps.Reporting;

/// <summary>Everything reporting needs: Hangfire, the event store, the bus, the REST reads.</summary>
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
            DeliveredOutcome.Configure(o);
        });

        builder.AddReportJobs(postgres, JobStorageSchema.For(schema));

        builder.AddMessaging(Name, bus => bus.AddConsumer<OutcomeBatchRecordedConsumer, OutcomeBatchRecordedConsumerDefinition>());

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication UseReporting(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi();
        app.MapReportJobsDashboard();
        app.MapOutcomes();
        return app;
    }
}
