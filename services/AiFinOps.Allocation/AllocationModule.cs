using AiFinOps.Allocation.Ledger;
using AiFinOps.Allocation.Ledger.RecordingUsage;
using AiFinOps.Allocation.Spend.GettingSpend;
using AiFinOps.ServiceDefaults;
using AiFinOps.ServiceDefaults.Messaging;
using AiFinOps.ServiceDefaults.Security;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using MassTransit;
using Npgsql;
using Weasel.Core;

namespace AiFinOps.Allocation;

/// <summary>Wires the allocation service: the ledger in Marten, the usage consumer, the spend API.</summary>
public static class AllocationModule
{
    public const string Schema = "allocation";

    public static WebApplicationBuilder AddAllocation(this WebApplicationBuilder builder)
    {
        var database = builder.AddDatabase();

        builder.AddApiKeySecurity();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(database));
        builder.Services.AddSingleton<SpendReader>();

        builder.Services.AddMarten(options =>
        {
            options.Connection(database);
            options.DatabaseSchemaName = Schema;
            // Own lock for schema migrations: the services share one database and start together.
            options.ApplyChangesLockId = 4_207_000 + 2;
            options.OpenTelemetry.TrackEventCounters();
            options.UseSystemTextJsonForSerialization(casing: Casing.CamelCase);
            options.Events.StreamIdentity = StreamIdentity.AsString;
            options.Projections.Snapshot<LedgerEntry>(SnapshotLifecycle.Inline);
            options.Schema.For<LedgerEntry>().Duplicate(e => e.OccurredAt).Duplicate(e => e.Team);
        }).UseLightweightSessions().ApplyAllDatabaseChangesOnStartup();

        builder.AddMessaging(Schema, bus => bus.AddConsumer<UsageBatchPricedConsumer, UsageBatchPricedConsumerDefinition>());

        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication UseAllocation(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi();
        app.MapSpend();
        return app;
    }
}
