using AiFinOps.Contracts.Messages;

namespace AiFinOps.Reporting.Outcomes.RecordingOutcomes;

/// <summary>Decides which outcomes of a batch still need recording: the pure half of exactly-once.</summary>
public static class OutcomeRecording
{
    /// <summary>Outcomes whose stream does not exist yet, each once even when a batch repeats an event id.</summary>
    public static IReadOnlyList<OutcomeRecorded> NewOutcomes(IEnumerable<RecordedOutcome> outcomes, IReadOnlySet<string> existingStreams) =>
        outcomes
            .DistinctBy(o => o.EventId, StringComparer.Ordinal)
            .Where(o => !existingStreams.Contains(OutcomeRecorded.StreamKey(o.EventId)))
            .Select(Recorded)
            .ToList();

    public static OutcomeRecorded Recorded(RecordedOutcome outcome) => new(
        outcome.EventId, outcome.OccurredAt, outcome.Team, outcome.Workflow, outcome.Unit, outcome.Quantity, outcome.Tags);
}
