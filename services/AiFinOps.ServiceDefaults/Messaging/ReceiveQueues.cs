using MassTransit;
using Microsoft.Extensions.Configuration;

namespace AiFinOps.ServiceDefaults.Messaging;

/// <summary>
/// How the services' receive queues are declared. Quorum (the default): replicated on every broker node of a cluster
/// (Raft), durable, and safe for the competing replicas of a service — a message is acknowledged by exactly one consumer
/// and survives the loss of a minority of nodes. <c>Messaging:QueueType</c> = <c>classic</c> keeps an installation's
/// existing classic queues until they are migrated: RabbitMQ refuses to redeclare a queue with another type
/// (PRECONDITION_FAILED), see docs/replicas.md.
/// </summary>
public static class ReceiveQueues
{
    public const string Quorum = "quorum";
    public const string Classic = "classic";

    public static string TypeFrom(IConfiguration configuration)
    {
        var type = configuration["Messaging:QueueType"] is { Length: > 0 } configured ? configured.ToLowerInvariant() : Quorum;
        return type is Quorum or Classic
            ? type
            : throw new InvalidOperationException($"Messaging:QueueType is '{type}'; it must be '{Quorum}' or '{Classic}'.");
    }

    public static void Declare(IReceiveEndpointConfigurator endpoint, string queueType)
    {
        if (queueType == Quorum && endpoint is IRabbitMqReceiveEndpointConfigurator rabbit) rabbit.SetQuorumQueue();
    }
}
