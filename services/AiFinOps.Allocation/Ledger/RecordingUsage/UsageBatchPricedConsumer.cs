using AiFinOps.Contracts.Messages;
using AiFinOps.ServiceDefaults.Marten;
using Marten;
using MassTransit;

namespace AiFinOps.Allocation.Ledger.RecordingUsage;

/// <summary>
/// Books each priced usage exactly once: one Marten transaction per message; usages already in the ledger are
/// skipped; a concurrent duplicate loses on the stream's primary key and the retry skips it.
/// </summary>
public sealed class UsageBatchPricedConsumer(IDocumentSession session) : IConsumer<UsageBatchPriced>
{
    public async Task Consume(ConsumeContext<UsageBatchPriced> context)
    {
        var ids = context.Message.Usages.Select(u => u.EventId).Distinct().ToArray();
        var booked = await session.ExistingStreamsAsync(ids, context.CancellationToken);

        var toBook = LedgerBooking.Book(context.Message, booked);
        if (toBook.Count == 0) return;

        foreach (var allocated in toBook) session.Events.StartStream<LedgerEntry>(allocated.EventId, allocated);
        await session.SaveChangesAsync(context.CancellationToken);
    }
}
