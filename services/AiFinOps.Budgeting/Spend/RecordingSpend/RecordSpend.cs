using AiFinOps.Contracts.Messages;
using AiFinOps.ServiceDefaults.Marten;
using Marten;

namespace AiFinOps.Budgeting.Spend.RecordingSpend;

/// <summary>
/// Records a batch of usage exactly once, in one transaction: streams that already exist are skipped; a concurrent
/// duplicate loses the race on the stream's primary key, the transaction fails, and the bus retries the message.
/// </summary>
public static class RecordSpend
{
    public static async Task<int> HandleAsync(IDocumentStore store, IReadOnlyList<PricedUsage> usages, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var keys = usages.Select(u => SpendAccrued.StreamKey(u.EventId)).Distinct().ToArray();
        var existing = await session.ExistingStreamsAsync(keys, cancellationToken);

        var accruals = SpendRecording.NewAccruals(usages, existing);
        foreach (var accrued in accruals)
        {
            session.Events.StartStream(SpendAccrued.StreamKey(accrued.EventId), accrued);
        }
        await session.SaveChangesAsync(cancellationToken);
        return accruals.Count;
    }
}
