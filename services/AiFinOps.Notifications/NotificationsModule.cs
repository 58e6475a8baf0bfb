using AiFinOps.Notifications.Deliveries;
using AiFinOps.Notifications.Deliveries.GettingDeliveries;
using AiFinOps.Notifications.Deliveries.RetryingDeliveries;
using AiFinOps.Notifications.Deliveries.RoutingAlerts;
using AiFinOps.Notifications.Deliveries.Sending;
using AiFinOps.Notifications.Subscriptions;
using AiFinOps.Notifications.Subscriptions.ManagingSubscriptions;
using AiFinOps.Notifications.Subscriptions.TestingSubscriptions;
using AiFinOps.ServiceDefaults;
using AiFinOps.ServiceDefaults.Marten;
using AiFinOps.ServiceDefaults.Messaging;
using JasperFx.Events.Projections;
using MassTransit;

namespace AiFinOps.Notifications;

/// <summary>Everything notifications needs: the event store and delivery log, the bus, the delivery worker, the REST API.</summary>
public static class NotificationsModule
{
    public const string Name = "notifications";

    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        builder.AddDatabase();
        // Tests may give each class its own schema; in production it is the service name.
        var schema = builder.Configuration["Notifications:Schema"] ?? Name;
        builder.AddEventStore(schema, applyChangesLockId: 4_207_006, o =>
        {
            o.Events.AddEventType<SubscriptionDefined>();
            o.Events.AddEventType<SubscriptionAmended>();
            o.Events.AddEventType<SubscriptionRemoved>();
            o.Projections.Snapshot<Subscription>(SnapshotLifecycle.Inline);
            o.Storage.ExtendedSchemaObjects.AddRange(DeliveryTables.All(schema));
        });

        builder.AddMessaging(Name, bus => bus.AddConsumer<AlertRaisedConsumer, AlertRaisedConsumerDefinition>());

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(DeliveryPolicy.Read(builder.Configuration));
        builder.Services.AddSingleton(SmtpSettings.Read(builder.Configuration));
        builder.Services.AddSingleton<DeliverySignal>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddSingleton<EmailSender>();
        builder.Services.AddSingleton<DeliverySender>();
        builder.Services.AddSingleton<DeliveryRunner>();
        builder.Services.AddSingleton<SubscriptionCommands>();
        builder.Services.AddHostedService<DeliveryWorker>();
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication UseNotifications(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi();
        app.MapSubscriptions();
        app.MapSubscriptionTest();
        app.MapDeliveries();
        app.MapDeliveryRetry();
        return app;
    }
}
