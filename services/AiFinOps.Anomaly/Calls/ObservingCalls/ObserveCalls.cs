using AiFinOps.Contracts.Messages;
using AiFinOps.ServiceDefaults.Marten;
using Marten;

namespace AiFinOps.Anomaly.Calls.ObservingCalls;

/// <summary>
/// Observes a batch of usage exactly once, in one transaction: streams that already exist are skipped; a concurrent
/// duplicate loses the race on the stream's primary key, the transaction fails, and the bus retries the message.
/// </summary>
public static class ObserveCalls
{
    public static async Task<int> HandleAsync(IDocumentStore store, IReadOnlyList<PricedUsage> usages, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var keys = usages.Select(u => CallObserved.StreamKey(u.EventId)).Distinct().ToArray();
        var existing = await session.ExistingStreamsAsync(keys, cancellationToken);

        var observations = CallObservation.NewObservations(usages, existing);
        foreach (var observed in observations)
        {
            session.Events.StartStream(CallObserved.StreamKey(observed.EventId), observed);
        }
        await session.SaveChangesAsync(cancellationToken);
        return observations.Count;
    }
}
