using AiFinOps.Budgeting.Spend.GettingAccruedSpend;
using AiFinOps.Budgeting.Spend.RecordingSpend;
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

namespace AiFinOps.Budgeting;

/// <summary>Everything budgeting needs: the event store, the bus, the REST reads.</summary>
public static class BudgetingModule
{
    public const string Name = "budgeting";

    public static IHostApplicationBuilder AddBudgeting(this IHostApplicationBuilder builder)
    {
        var postgres = builder.AddDatabase();
        // Tests may give each class its own schema; in production it is the service name.
        var schema = builder.Configuration["Budgeting:Schema"] ?? Name;

        builder.Services.AddSingleton(NpgsqlDataSource.Create(postgres));
        builder.Services.AddMarten(o =>
            {
                o.DatabaseSchemaName = schema;
                // Own lock for schema migrations: the services share one database and start together.
                o.ApplyChangesLockId = 4_207_000 + 3;
                o.UseSystemTextJsonForSerialization(casing: Casing.CamelCase);
                o.Events.StreamIdentity = StreamIdentity.AsString;
                o.Projections.Add<SpendAccrualProjection>(ProjectionLifecycle.Inline);
                SpendAccrual.Configure(o);
                o.OpenTelemetry.TrackConnections = TrackLevel.Normal;
                o.OpenTelemetry.TrackEventCounters();
            })
            .UseNpgsqlDataSource()
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup();

        builder.AddMessaging(Name, bus => bus.AddConsumer<UsageBatchPricedConsumer, UsageBatchPricedConsumerDefinition>());

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication UseBudgeting(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi();
        app.MapAccruedSpend();
        return app;
    }
}
