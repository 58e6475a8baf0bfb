namespace AiFinOps.ServiceDefaults.Messaging.DeadLetters;

/// <summary>
/// One receive queue of a service and its dead-letter queue (MassTransit's <c>_error</c> queue): the messages parked
/// there failed every retry (<see cref="ConsumerRetry"/>) and wait — kept, not lost — until they are replayed.
/// </summary>
public sealed record ParkedMessages(string Queue, string DeadLetterQueue, long Messages);

/// <summary>What a replay moved back from each dead-letter queue to its receive queue.</summary>
public sealed record ReplayedMessages(string Queue, string DeadLetterQueue, long Messages);
