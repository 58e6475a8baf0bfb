using AiFinOps.ServiceDefaults.Messaging.DeadLetters;
using AiFinOps.ServiceDefaults.Messaging.Upgrading;
using AiFinOps.ServiceDefaults.Messaging.UsageStream;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiFinOps.ServiceDefaults.Messaging;

public static class MessagingExtensions
{
    public const string ConnectionName = "messaging";

    /// <summary>
    /// MassTransit on RabbitMQ as every service uses it: persistent messages with publisher confirms, one queue per
    /// consumer named after the service, shared by all of the service's replicas (competing consumers) and declared as a
    /// quorum queue (<see cref="ReceiveQueues"/>). <c>Messaging:Prefix</c> (optional) prefixes every exchange and queue so
    /// that several installations — or parallel test runs — can share one virtual host without seeing each other.
    /// Before the bus starts, a receive queue left as a classic queue by an earlier version is migrated to a quorum queue
    /// (<see cref="ReceiveQueueUpgrade"/>, docs/replicas.md); health check <c>receive-queues</c> says when it cannot be.
    /// A message that fails every retry is parked in its queue's dead-letter queue: health check <c>dead-letters</c>
    /// says so and <c>/api/v1/admin/dead-letters/{service}</c> replays it (<see cref="DeadLetterQueues"/>).
    /// </summary>
    public static IHostApplicationBuilder AddMessaging(this IHostApplicationBuilder builder, string serviceName,
        Action<IBusRegistrationConfigurator>? addConsumers = null)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException($"Connection string '{ConnectionName}' (RabbitMQ, amqp://…) is not configured.");
        var prefix = builder.Configuration["Messaging:Prefix"] ?? "";
        var queueType = ReceiveQueues.TypeFrom(builder.Configuration);
        builder.Services.AddSingleton<ReceiveQueueUpgradeState>();
        builder.Services.AddSingleton(sp => new ReceiveQueueUpgrade(new Uri(connectionString),
            sp.GetRequiredService<ReceiveQueueUpgradeState>(), sp.GetRequiredService<IHostApplicationLifetime>(),
            sp.GetRequiredService<ILogger<ReceiveQueueUpgrade>>()));
        builder.Services.AddHealthChecks().AddCheck<ReceiveQueueUpgradeState>("receive-queues");
        builder.Services.AddSingleton(new DeadLetterQueues(serviceName, new Uri(connectionString)));
        builder.Services.AddSingleton<DeadLetterHealthCheck>();
        builder.Services.AddHealthChecks().AddCheck<DeadLetterHealthCheck>("dead-letters");

        builder.Services.AddMassTransit(bus =>
        {
            // MassTransit reports usage to its vendor over the internet by default: a FinOps tool sends nothing out.
            bus.DisableUsageTelemetry();
            bus.AddConfigureEndpointsCallback((context, _, endpoint) =>
            {
                ReceiveQueues.Declare(endpoint, queueType);
                context.GetRequiredService<ReceiveQueueUpgrade>().Add(endpoint);
                context.GetRequiredService<DeadLetterQueues>().Add(endpoint);
            });
            addConsumers?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(connectionString), host => host.PublisherConfirmation = true);
                rabbit.ConnectBusObserver(context.GetRequiredService<ReceiveQueueUpgrade>());
                // The usage stream's bulk travels as protocol buffers inside the JSON envelope (docs/usage-stream.md).
                rabbit.ConfigureJsonSerializerOptions(UsageBatchPricedJsonConverter.Register);
                if (prefix.Length > 0)
                {
                    rabbit.MessageTopology.SetEntityNameFormatter(
                        new PrefixEntityNameFormatter(rabbit.MessageTopology.EntityNameFormatter, prefix + "."));
                }
                rabbit.ConfigureEndpoints(context, new KebabCaseEndpointNameFormatter(
                    prefix.Length > 0 ? $"{prefix}-{serviceName}" : serviceName, false));
            });
        });
        return builder;
    }
}
