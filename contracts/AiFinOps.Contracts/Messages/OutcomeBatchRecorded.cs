namespace AiFinOps.Contracts.Messages;

/// <summary>Business units delivered by workflows (for unit economics), one message per accepted batch.</summary>
public sealed record OutcomeBatchRecorded
{
    public required Guid BatchId { get; init; }
    public required IReadOnlyList<RecordedOutcome> Outcomes { get; init; }
}

public sealed record RecordedOutcome
{
    public required string EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string Workflow { get; init; }
    public required string Team { get; init; }
    public required string Unit { get; init; }
    public required double Quantity { get; init; }
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}
