using AiFinOps.Allocation.DataQuality.ListingUnpricedUsage;
using AiFinOps.Allocation.Ledger;
using AiFinOps.Allocation.Ledger.RecordingUsage;
using AiFinOps.Allocation.Spend.GettingSpend;
using AiFinOps.ServiceDefaults;
using AiFinOps.ServiceDefaults.Marten;
using AiFinOps.ServiceDefaults.Messaging;
using AiFinOps.ServiceDefaults.Security;
using JasperFx.Events.Projections;
using MassTransit;

namespace AiFinOps.Allocation;

/// <summary>Wires the allocation service: the ledger in Marten, the usage consumer, the spend API.</summary>
public static class AllocationModule
{
    public const string Schema = "allocation";

    public static WebApplicationBuilder AddAllocation(this WebApplicationBuilder builder)
    {
        builder.AddDatabase();

        builder.AddApiKeySecurity();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SpendReader>();

        builder.AddEventStore(Schema, applyChangesLockId: 4_207_002, options =>
        {
            options.Projections.Snapshot<LedgerEntry>(SnapshotLifecycle.Inline);
            options.Schema.For<LedgerEntry>().Duplicate(e => e.OccurredAt).Duplicate(e => e.Team);
        });

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
        app.MapUnpricedUsage();
        return app;
    }
}
