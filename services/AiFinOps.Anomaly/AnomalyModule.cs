using AiFinOps.Anomaly.Calls;
using AiFinOps.Anomaly.Calls.ObservingCalls;
using AiFinOps.Anomaly.Runs.GettingRuns;
using AiFinOps.Anomaly.Workflows.GettingActivity;
using AiFinOps.ServiceDefaults;
using AiFinOps.ServiceDefaults.Marten;
using AiFinOps.ServiceDefaults.Messaging;
using JasperFx.Events.Projections;
using MassTransit;

namespace AiFinOps.Anomaly;

/// <summary>Everything anomaly needs: the event store, the bus, the REST reads.</summary>
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
            o.Projections.Add<ObservedCallProjection>(ProjectionLifecycle.Inline);
            ObservedCall.Configure(o);
        });

        builder.AddMessaging(Name, bus => bus.AddConsumer<UsageBatchPricedConsumer, UsageBatchPricedConsumerDefinition>());

        builder.Services.AddSingleton(TimeProvider.System);
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
        return app;
    }
}
