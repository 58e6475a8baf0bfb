namespace AiFinOps.Cli.Emitting;

/// <summary>What an <c>emit</c> run did; printed as tables or, with <c>--json</c>, as JSON.</summary>
/// <param name="Sent">Events handed to the client library, resends included.</param>
/// <param name="Resent">Of those, deliberate resends of an earlier event_id (<c>--duplicates</c>).</param>
/// <param name="Teams">Per team, the accepted events and their tokens, each event_id once.</param>
public sealed record EmitSummary(
    int Seed,
    string Endpoint,
    double ElapsedSeconds,
    long Sent,
    long Resent,
    long Accepted,
    long Duplicates,
    long Rejected,
    long Failed,
    long Retries,
    long Batches,
    double EventsPerSecond,
    IReadOnlyList<TeamTotals> Teams,
    IReadOnlyList<RejectedEvent> Rejections,
    string? Failure)
{
    public bool Succeeded => Failure is null && Rejected == 0 && Failed == 0;
}

public sealed record RejectedEvent(string EventId, string Field, string Reason);
