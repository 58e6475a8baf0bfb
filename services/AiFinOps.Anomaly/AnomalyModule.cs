using AiFinOps.Anomaly.Calls;
using AiFinOps.Anomaly.Calls.ObservingCalls;
using AiFinOps.Anomaly.Runs.GettingRuns;
using AiFinOps.Anomaly.Workflows.GettingActivity;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using JasperFx.OpenTelemetry;
using Marten;
using MassTransit;
using Npgsql;
using Weasel.Core;

namespace AiFinOps.Anomaly;

/// <summary>Everything anomaly needs: the event store, the bus, the REST reads.</summary>
public static class AnomalyModule
{
    public const string Name = "anomaly";

    public static IHostApplicationBuilder AddAnomaly(this IHostApplicationBuilder builder)
    {
        var postgres = builder.Configuration.GetConnectionString("aifinops")
            ?? throw new InvalidOperationException("Connection string 'aifinops' (PostgreSQL) is missing.");
        var messaging = builder.Configuration.GetConnectionString("messaging")
            ?? throw new InvalidOperationException("Connection string 'messaging' (RabbitMQ) is missing.");
        // Tests give each class its own schema and queues; in production both are the service name.
        var schema = builder.Configuration["Anomaly:Schema"] ?? Name;
        var endpointPrefix = builder.Configuration["Anomaly:EndpointPrefix"] ?? Name;

        builder.Services.AddSingleton(NpgsqlDataSource.Create(postgres));
        builder.Services.AddMarten(o =>
            {
                o.DatabaseSchemaName = schema;
                o.UseSystemTextJsonForSerialization(casing: Casing.CamelCase);
                o.Events.StreamIdentity = StreamIdentity.AsString;
                o.Projections.Add<ObservedCallProjection>(ProjectionLifecycle.Inline);
                ObservedCall.Configure(o);
                o.OpenTelemetry.TrackConnections = TrackLevel.Normal;
                o.OpenTelemetry.TrackEventCounters();
            })
            .UseNpgsqlDataSource()
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup();

        builder.Services.AddMassTransit(bus =>
        {
            bus.AddConsumer<UsageBatchPricedConsumer, UsageBatchPricedConsumerDefinition>();
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(messaging));
                rabbit.ConfigureEndpoints(context, new KebabCaseEndpointNameFormatter(endpointPrefix, false));
            });
        });

        builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", tags: ["ready"]);
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
