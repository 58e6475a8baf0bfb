using AiFinOps.Contracts.Messages;

namespace AiFinOps.Reporting.Tests;

/// <summary>Outcomes as ingest would publish them.</summary>
public static class Outcomes
{
    public static RecordedOutcome Delivered(string team, string workflow, string unit, double quantity, DateTimeOffset? occurredAt = null) => new()
    {
        EventId = Guid.NewGuid().ToString("N"),
        OccurredAt = occurredAt ?? new DateTimeOffset(2026, 11, 14, 9, 0, 0, TimeSpan.Zero),
        Team = team,
        Workflow = workflow,
        Unit = unit,
        Quantity = quantity,
    };

    public static OutcomeBatchRecorded Batch(params RecordedOutcome[] outcomes) =>
        new() { BatchId = Guid.NewGuid(), Outcomes = outcomes };

    public static string NewName(string kind) => $"{kind}-{Guid.NewGuid():N}"[..(kind.Length + 9)];
}
