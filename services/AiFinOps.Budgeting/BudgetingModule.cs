using AiFinOps.Budgeting.Spend.GettingAccruedSpend;
using AiFinOps.Budgeting.Spend.RecordingSpend;
using AiFinOps.ServiceDefaults;
using AiFinOps.ServiceDefaults.Marten;
using AiFinOps.ServiceDefaults.Messaging;
using JasperFx.Events.Projections;
using MassTransit;

namespace AiFinOps.Budgeting;

/// <summary>Everything budgeting needs: the event store, the bus, the REST reads.</summary>
public static class BudgetingModule
{
    public const string Name = "budgeting";

    public static IHostApplicationBuilder AddBudgeting(this IHostApplicationBuilder builder)
    {
        builder.AddDatabase();
        // Tests may give each class its own schema; in production it is the service name.
        var schema = builder.Configuration["Budgeting:Schema"] ?? Name;
        builder.AddEventStore(schema, applyChangesLockId: 4_207_003, o =>
        {
            o.Projections.Add<SpendAccrualProjection>(ProjectionLifecycle.Inline);
            SpendAccrual.Configure(o);
        });

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
