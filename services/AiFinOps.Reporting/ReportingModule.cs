using AiFinOps.Reporting.Jobs;
using AiFinOps.Reporting.Outcomes;
using AiFinOps.Reporting.Outcomes.GettingOutcomes;
using AiFinOps.Reporting.Outcomes.RecordingOutcomes;
using AiFinOps.ServiceDefaults;
using AiFinOps.ServiceDefaults.Messaging;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using JasperFx.OpenTelemetry;
using Marten;
using MassTransit;
using Npgsql;
using Weasel.Core;

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

        builder.Services.AddSingleton(NpgsqlDataSource.Create(postgres));
        builder.Services.AddMarten(o =>
            {
                o.DatabaseSchemaName = schema;
                // Own lock for schema migrations: the services share one database and start together.
                o.ApplyChangesLockId = 4_207_000 + 5;
                o.UseSystemTextJsonForSerialization(casing: Casing.CamelCase);
                o.Events.StreamIdentity = StreamIdentity.AsString;
                o.Projections.Add<DeliveredOutcomeProjection>(ProjectionLifecycle.Inline);
                DeliveredOutcome.Configure(o);
                o.OpenTelemetry.TrackConnections = TrackLevel.Normal;
                o.OpenTelemetry.TrackEventCounters();
            })
            .UseNpgsqlDataSource()
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup();

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
