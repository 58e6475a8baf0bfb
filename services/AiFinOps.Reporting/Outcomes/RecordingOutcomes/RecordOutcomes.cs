using AiFinOps.Contracts.Messages;
using AiFinOps.ServiceDefaults.Marten;
using Marten;

namespace AiFinOps.Reporting.Outcomes.RecordingOutcomes;

/// <summary>
/// Records a batch of outcomes exactly once, in one transaction: streams that already exist are skipped; a concurrent
/// duplicate loses the race on the stream's primary key, the transaction fails, and the bus retries the message.
/// </summary>
public static class RecordOutcomes
{
    public static async Task<int> HandleAsync(IDocumentStore store, IReadOnlyList<RecordedOutcome> outcomes, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var keys = outcomes.Select(o => OutcomeRecorded.StreamKey(o.EventId)).Distinct().ToArray();
        var existing = await session.ExistingStreamsAsync(keys, cancellationToken);

        var recorded = OutcomeRecording.NewOutcomes(outcomes, existing);
        foreach (var outcome in recorded)
        {
            session.Events.StartStream(OutcomeRecorded.StreamKey(outcome.EventId), outcome);
        }
        await session.SaveChangesAsync(cancellationToken);
        return recorded.Count;
    }
}
