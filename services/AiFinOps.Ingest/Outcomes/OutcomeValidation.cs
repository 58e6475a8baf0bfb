using AiFinOps.Contracts.Messages;
using AiFinOps.Contracts.Usage.V1;
using AiFinOps.Ingest.Recording;

namespace AiFinOps.Ingest.Outcomes;

/// <summary>Pure validation of one outcome (business units a workflow delivered).</summary>
public static class OutcomeValidation
{
    public static (RecordedOutcome? Outcome, EventRejection? Rejection) Validate(OutcomeEvent e, IngestLimits limits, DateTimeOffset now)
    {
        // Outcomes share the identifier, timestamp and tag rules of usage events: validate them through a usage shell.
        var shell = new UsageEvent
        {
            EventId = e.EventId,
            OccurredAt = e.OccurredAt,
            Provider = "outcome",
            Model = "outcome",
            Team = e.Team,
            Workflow = e.Workflow,
        };
        shell.Tags.Add(e.Tags);
        var (usage, rejection) = UsageValidation.Validate(shell, limits, now);
        if (rejection is not null) return (null, rejection);
        if (string.IsNullOrWhiteSpace(e.Workflow)) return (null, new EventRejection("workflow", "is required: outcomes are counted per workflow"));
        if (string.IsNullOrWhiteSpace(e.Unit)) return (null, new EventRejection("unit", "is required, e.g. query_resolved"));
        if (e.Unit.Length > limits.MaxTagKeyLength || e.Unit.Any(char.IsControl))
            return (null, new EventRejection("unit", $"must be at most {limits.MaxTagKeyLength} printable characters"));
        if (!double.IsFinite(e.Quantity) || e.Quantity <= 0)
            return (null, new EventRejection("quantity", $"must be a positive number (was {e.Quantity})"));

        return (new RecordedOutcome
        {
            EventId = usage!.EventId,
            OccurredAt = usage.OccurredAt,
            Workflow = usage.Workflow,
            Team = usage.Team,
            Unit = e.Unit.Trim(),
            Quantity = e.Quantity,
            Tags = usage.Tags,
        }, null);
    }
}
