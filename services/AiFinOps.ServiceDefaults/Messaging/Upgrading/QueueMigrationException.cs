namespace AiFinOps.ServiceDefaults.Messaging.Upgrading;

/// <summary>A receive queue that cannot be migrated automatically; the message says what to do.</summary>
public sealed class QueueMigrationException(string queue, string message) : Exception(message)
{
    public string Queue { get; } = queue;
}
