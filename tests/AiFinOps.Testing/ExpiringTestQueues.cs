using MassTransit;

namespace AiFinOps.Testing;

/// <summary>
/// Test queues go away a while after their host instead of collecting every later run's messages. Not auto-delete: the
/// services declare quorum queues, which RabbitMQ refuses to make auto-delete; a queue expiry (<c>x-expires</c>) works
/// for both types and also outlives a host restart or a broker restart within a test.
/// </summary>
public sealed class ExpiringTestQueues : IConfigureReceiveEndpoint
{
    public static readonly TimeSpan Expiry = TimeSpan.FromMinutes(5);

    public void Configure(string name, IReceiveEndpointConfigurator configurator)
    {
        if (configurator is IRabbitMqReceiveEndpointConfigurator rabbit) rabbit.QueueExpiration = Expiry;
    }
}
