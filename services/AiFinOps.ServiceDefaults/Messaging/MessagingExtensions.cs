using AiFinOps.ServiceDefaults.Messaging.UsageStream;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiFinOps.ServiceDefaults.Messaging;

public static class MessagingExtensions
{
    public const string ConnectionName = "messaging";

    /// <summary>
    /// MassTransit on RabbitMQ as every service uses it: persistent messages with publisher confirms, one queue per
    /// consumer named after the service, shared by all of the service's replicas (competing consumers) and declared as a
    /// quorum queue (<see cref="ReceiveQueues"/>). <c>Messaging:Prefix</c> (optional) prefixes every exchange and queue so
    /// that several installations — or parallel test runs — can share one virtual host without seeing each other.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging(this IHostApplicationBuilder builder, string serviceName,
        Action<IBusRegistrationConfigurator>? addConsumers = null)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException($"Connection string '{ConnectionName}' (RabbitMQ, amqp://…) is not configured.");
        var prefix = builder.Configuration["Messaging:Prefix"] ?? "";
        var queueType = ReceiveQueues.TypeFrom(builder.Configuration);

        builder.Services.AddMassTransit(bus =>
        {
            // MassTransit reports usage to its vendor over the internet by default: a FinOps tool sends nothing out.
            bus.DisableUsageTelemetry();
            bus.AddConfigureEndpointsCallback((_, _, endpoint) => ReceiveQueues.Declare(endpoint, queueType));
            addConsumers?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(connectionString), host => host.PublisherConfirmation = true);
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
