using AiFinOps.Allocation.Chargeback;
using AiFinOps.Allocation.DataQuality.GettingDataQuality;
using AiFinOps.Allocation.DataQuality.ListingUnpricedUsage;
using AiFinOps.Allocation.Focus;
using AiFinOps.Allocation.Ledger;
using AiFinOps.Allocation.Ledger.ClosingDays;
using AiFinOps.Allocation.Ledger.Rebuilding;
using AiFinOps.Allocation.Ledger.RecordingUsage;
using AiFinOps.Allocation.Periods;
using AiFinOps.Allocation.Periods.ClosingPeriods;
using AiFinOps.Allocation.Repricing;
using AiFinOps.Allocation.Repricing.OnCatalogueChange;
using AiFinOps.Allocation.Repricing.Rerunning;
using AiFinOps.Allocation.Spend.GettingSpend;
using AiFinOps.ServiceDefaults;
using AiFinOps.ServiceDefaults.Marten;
using AiFinOps.ServiceDefaults.Messaging;
using AiFinOps.ServiceDefaults.Security;
using JasperFx.Events.Projections;
using MassTransit;

namespace AiFinOps.Allocation;

/// <summary>Wires the allocation service: the ledger in Marten, the usage consumer, billing periods, the spend API.</summary>
public static class AllocationModule
{
    public const string Schema = "allocation";

    public static WebApplicationBuilder AddAllocation(this WebApplicationBuilder builder)
    {
        var connectionString = builder.AddDatabase();
        // Replaces the default data source (Marten and every reader use it too): booking writes large commands.
        builder.Services.AddSingleton(_ => BookingDatabase.Create(connectionString));

        builder.AddApiKeySecurity();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<AllocationOptions>().BindConfiguration(AllocationOptions.Section)
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Allocation:TimeZone is not a known IANA time zone")
            .ValidateOnStart();
        builder.Services.AddSingleton<LedgerProjection>();
        builder.Services.AddSingleton<LedgerRebuilder>();
        builder.Services.AddSingleton<SpendReader>();
        builder.Services.AddSingleton<DataQualityReader>();

        builder.AddEventStore(Schema, applyChangesLockId: 4_207_002, options =>
        {
            options.Events.AddEventType<UsageBooked>();
            options.Events.AddEventType<UsageRepriced>();
            options.Projections.Snapshot<BillingCalendar>(SnapshotLifecycle.Inline);
            options.Storage.ExtendedSchemaObjects.AddRange(LedgerTables.All(Schema));
        });
        // After the event store's hosted service has created the tables, before the bus books anything.
        builder.Services.AddHostedService<StatementRollupFill>();
        builder.Services.AddSingleton<DailyRollupCloser>();
        builder.Services.AddHostedService<DailyRollupClosing>();

        builder.AddChargeback();
        builder.AddFocusExport();

        builder.AddRepricing();

        builder.AddMessaging(Schema, bus =>
        {
            bus.AddConsumer<UsageBatchPricedConsumer, UsageBatchPricedConsumerDefinition>();
            bus.AddConsumer<CatalogueChangedConsumer, CatalogueChangedConsumerDefinition>();
        });

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
        app.MapDataQuality();
        app.MapBillingPeriods();
        app.MapRebuildLedger();
        app.MapReprice();
        app.MapChargeback();
        app.MapFocusExport();
        return app;
    }
}
