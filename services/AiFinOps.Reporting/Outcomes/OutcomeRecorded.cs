namespace AiFinOps.Reporting.Outcomes;

/// <summary>
/// Business units a workflow delivered (tickets resolved, documents summarised…): the denominator of unit economics.
/// Each outcome event is its own stream, keyed by its event id, so it counts once however often it is delivered.
/// </summary>
public sealed record OutcomeRecorded(
    string EventId,
    DateTimeOffset OccurredAt,
    string Team,
    string Workflow,
    string Unit,
    double Quantity,
    IReadOnlyDictionary<string, string> Tags)
{
    public static string StreamKey(string eventId) => $"outcome-{eventId}";
}
