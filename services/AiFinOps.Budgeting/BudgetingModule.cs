using AiFinOps.Budgeting.Alerts;
using AiFinOps.Budgeting.Alerts.AcknowledgingAlerts;
using AiFinOps.Budgeting.Alerts.Forecasting;
using AiFinOps.Budgeting.Alerts.GettingAlerts;
using AiFinOps.Budgeting.Alerts.PublishingAlerts;
using AiFinOps.Budgeting.Budgets;
using AiFinOps.Budgeting.Budgets.GettingBudgetStatus;
using AiFinOps.Budgeting.Budgets.ImportingBudgets;
using AiFinOps.Budgeting.Budgets.ManagingBudgets;
using AiFinOps.Budgeting.Budgets.OrgMonthlySpend;
using AiFinOps.Budgeting.Spend;
using AiFinOps.Budgeting.Spend.GettingAccruedSpend;
using AiFinOps.Budgeting.Spend.MigratingAccruedUsage;
using AiFinOps.Budgeting.Spend.RecordingRepricing;
using AiFinOps.Budgeting.Spend.RecordingSpend;
using AiFinOps.ServiceDefaults;
using AiFinOps.ServiceDefaults.Marten;
using AiFinOps.ServiceDefaults.Messaging;
using JasperFx.Events.Projections;
using Marten;
using MassTransit;

namespace AiFinOps.Budgeting;

/// <summary>Everything budgeting needs: the event store, the bus, the alert publisher, the REST API.</summary>
public static class BudgetingModule
{
    public const string Name = "budgeting";
    /// <summary>The configuration section of <see cref="BudgetingSettings"/>.</summary>
    public const string SectionName = "Budgeting";

    public static IHostApplicationBuilder AddBudgeting(this IHostApplicationBuilder builder)
    {
        builder.AddDatabase();
        // Tests may give each class its own schema; in production it is the service name.
        var schema = builder.Configuration[$"{SectionName}:Schema"] ?? Name;
        builder.AddEventStore(schema, applyChangesLockId: 4_207_003, o =>
        {
            o.Events.AddEventType<BudgetDefined>();
            o.Events.AddEventType<BudgetAmended>();
            o.Events.AddEventType<BudgetArchived>();
            o.Events.AddEventType<BudgetReinstated>();
            o.Events.AddEventType<ThresholdCrossed>();
            o.Events.AddEventType<ForecastExceeded>();
            o.Projections.Snapshot<Budget>(SnapshotLifecycle.Inline);
            o.Schema.For<BudgetAlert>().Duplicate(a => a.BudgetId).Index(a => a.CrossedAt);
            o.Storage.ExtendedSchemaObjects.AddRange(SpendTables.All(schema));
        });

        // After Marten's schema changes, before the bus consumes: an accrued_usage from before the rollup is moved first.
        builder.Services.AddHostedService<AccruedUsageMigration>();

        builder.AddMessaging(Name, bus =>
        {
            bus.AddConsumer<UsageBatchPricedConsumer, UsageBatchPricedConsumerDefinition>();
            bus.AddConsumer<SpendRepricedConsumer, SpendRepricedConsumerDefinition>();
        });

        builder.Services.AddSingleton(BudgetingSettings.From(builder.Configuration));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AlertSignal>();
        builder.Services.AddSingleton<BudgetCommands>();
        // Before the publisher and the bus's consumers matter: the org-wide alert is in place when startup ends.
        builder.Services.AddSingleton<OrgMonthlySpendSetup>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OrgMonthlySpendSetup>());
        builder.Services.AddHostedService<AlertPublisher>();
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication UseBudgeting(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi();
        app.MapAccruedSpend();
        app.MapBudgets();
        app.MapBudgetImport();
        app.MapBudgetStatus();
        app.MapAlertHistory();
        app.MapAlertAcknowledgement();
        return app;
    }
}
