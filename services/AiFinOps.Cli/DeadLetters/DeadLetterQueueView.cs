namespace AiFinOps.Cli.DeadLetters;

/// <summary>One row of a service's <c>/api/v1/admin/dead-letters/{service}</c> answer.</summary>
public sealed record DeadLetterQueueView(string Queue, string DeadLetterQueue, long Messages);

/// <summary>A service's answer: its dead-letter queues and what waits (or was replayed) in all of them.</summary>
public sealed record DeadLettersView(string Service, long Messages, DeadLetterQueueView[] Queues);
