using AiFinOps.Allocation.Periods;
using AiFinOps.Contracts.Messages;
using AiFinOps.ServiceDefaults.Messaging;
using Marten;
using MassTransit;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiFinOps.Allocation.Ledger.RecordingUsage;

/// <summary>
/// Books the usages of several bus messages at once (a batch, see <see cref="UsageBatches"/>) exactly once, in one
/// PostgreSQL transaction: the lines not in the ledger yet (a redelivered or concurrent duplicate finds its lines there
/// and books nothing), the <see cref="UsageBooked"/> event holding them, and their sums in the rollups — the rollup
/// rows every booking of the hour adds to are locked once per batch, not once per message.
/// </summary>
public sealed class UsageBatchPricedConsumer(NpgsqlDataSource database, IDocumentStore store, LedgerProjection projection,
    IOptions<AllocationOptions> options, TimeProvider clock) : IConsumer<Batch<UsageBatchPriced>>
{
    public async Task Consume(ConsumeContext<Batch<UsageBatchPriced>> context)
    {
        var ct = context.CancellationToken;
        var messages = context.Message;
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await LedgerLock.ShareAsync(connection, transaction, ct);
        await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction));

        var calendar = await session.LoadAsync<BillingCalendar>(BillingCalendar.StreamKey, ct) ?? BillingCalendar.Empty;
        var now = clock.GetUtcNow();
        var booked = await projection.InsertNewLinesAsync(connection, transaction,
            LedgerBooking.Book(messages.SelectMany(m => m.Message.Usages), calendar, options.Value.Zone), now, ct);
        if (booked.Count == 0) return;

        // One message keeps its own batch id (its stream is usage:{batchId}); several share a new one.
        var batchId = messages.Length == 1 ? messages[0].Message.BatchId : NewId.NextGuid();
        session.Events.StartStream($"usage:{batchId}", new UsageBooked(batchId, now, booked));
        await session.SaveChangesAsync(ct);
        await projection.AddToRollupsAsync(connection, transaction, booked, ct);
        await transaction.CommitAsync(ct);
    }
}
