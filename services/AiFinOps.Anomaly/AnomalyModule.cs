using AiFinOps.Anomaly.Alerts;
using AiFinOps.Anomaly.Alerts.PublishingAlerts;
using AiFinOps.Anomaly.Calls;
using AiFinOps.Anomaly.Calls.ObservingCalls;
using AiFinOps.Anomaly.Detections.OutputShifts;
using AiFinOps.Anomaly.Detections.Pace;
using AiFinOps.Anomaly.Detections.TokenSpikes;
using AiFinOps.Anomaly.Detections.Unregistered;
using AiFinOps.Anomaly.Detections.VolumeSpikes;
using AiFinOps.Anomaly.Incidents;
using AiFinOps.Anomaly.Incidents.GettingAnomalies;
using AiFinOps.Anomaly.Incidents.HandlingIncidents;
using AiFinOps.Anomaly.Rebuilding;
using AiFinOps.Anomaly.Runs.ClosingIdleRuns;
using AiFinOps.Anomaly.Runs.GettingRuns;
using AiFinOps.Anomaly.Watching;
using AiFinOps.Anomaly.Workflows;
using AiFinOps.Anomaly.Workflows.GettingActivity;
using AiFinOps.Anomaly.Workflows.ManagingWorkflows;
using AiFinOps.ServiceDefaults;
using AiFinOps.ServiceDefaults.Marten;
using AiFinOps.ServiceDefaults.Messaging;
using JasperFx.Events.Projections;
using MassTransit;

namespace AiFinOps.Anomaly;

/// <summary>Everything anomaly needs: the event store and its tables, the bus, the sweep, the alert publisher, the REST API.</summary>
public static class AnomalyModule
{
    public const string Name = "anomaly";

    public static IHostApplicationBuilder AddAnomaly(this IHostApplicationBuilder builder)
    {
        builder.AddDatabase();
        // Tests may give each class its own schema; in production it is the service name.
        var schema = builder.Configuration["Anomaly:Schema"] ?? Name;
        builder.AddEventStore(schema, applyChangesLockId: 4_207_004, o =>
        {
            o.Events.AddEventType<CallsObserved>();
            o.Events.AddEventType<IdleRunsClosed>();
            o.Events.AddEventType<WorkflowRegistered>();
            o.Events.AddEventType<WorkflowAmended>();
            o.Events.AddEventType<WorkflowRetired>();
            o.Events.AddEventType<TokenSpikeDetected>();
            o.Events.AddEventType<VolumeSpikeDetected>();
            o.Events.AddEventType<OutputLengthShifted>();
            o.Events.AddEventType<UnregisteredWorkflowSeen>();
            o.Events.AddEventType<PaceOverEstimate>();
            o.Events.AddEventType<IncidentAcknowledged>();
            o.Events.AddEventType<IncidentResolved>();
            o.Projections.Snapshot<Workflow>(SnapshotLifecycle.Inline);
            o.Projections.Snapshot<Incident>(SnapshotLifecycle.Inline);
            o.Schema.For<Workflow>().Duplicate(w => w.Retired);
            o.Schema.For<Incident>().Duplicate(i => i.Workflow).Duplicate(i => i.Kind).Duplicate(i => i.Status).Duplicate(i => i.Team).Duplicate(i => i.OpenedAt);
            o.Schema.For<AnomalyAlert>().Index(a => a.PublishedAt);
            o.Storage.ExtendedSchemaObjects.AddRange(WatchTables.Tables(schema));
        });

        builder.AddMessaging(Name, bus => bus.AddConsumer<UsageBatchPricedConsumer, UsageBatchPricedConsumerDefinition>());

        builder.Services.AddOptions<AnomalyOptions>().BindConfiguration(AnomalyOptions.Section);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new WatchStore(schema));
        builder.Services.AddSingleton<WorkflowWatch>();
        builder.Services.AddSingleton<ObserveCalls>();
        builder.Services.AddSingleton<IdleRuns>();
        builder.Services.AddSingleton<WorkflowCommands>();
        builder.Services.AddSingleton<IncidentCommands>();
        builder.Services.AddSingleton<AnomalyRebuilder>();
        builder.Services.AddSingleton<AlertSignal>();
        builder.Services.AddHostedService<IdleRunSweeper>();
        builder.Services.AddHostedService<AlertPublisher>();
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication UseAnomaly(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi();
        app.MapRuns();
        app.MapWorkflowActivity();
        app.MapWorkflows();
        app.MapAnomalies();
        app.MapRebuildAnomalies();
        return app;
    }
}
