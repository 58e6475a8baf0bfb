using RabbitMQ.Client.Exceptions;

namespace AiFinOps.ServiceDefaults.Messaging;

/// <summary>
/// What the broker throws while it cannot be reached or drops a connection mid-way: worth another try later, never a
/// reason to give up on the work. One list for every place that talks to RabbitMQ directly.
/// </summary>
public static class BrokerFailures
{
    public static bool IsTransient(Exception e) =>
        e is BrokerUnreachableException or OperationInterruptedException or IOException or AlreadyClosedException;
}
