using AiFinOps.Allocation.Periods;
using AiFinOps.Contracts.Messages;
using Marten;
using MassTransit;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiFinOps.Allocation.Ledger.RecordingUsage;

/// <summary>
/// Books a message's usages exactly once, in one PostgreSQL transaction: the lines not in the ledger yet (a redelivered
/// or concurrent duplicate finds its lines there and books nothing), the <see cref="UsageBooked"/> event holding them,
/// and their sums in the rollups.
/// </summary>
public sealed class UsageBatchPricedConsumer(NpgsqlDataSource database, IDocumentStore store, LedgerProjection projection,
    IOptions<AllocationOptions> options, TimeProvider clock) : IConsumer<UsageBatchPriced>
{
    public async Task Consume(ConsumeContext<UsageBatchPriced> context)
    {
        var ct = context.CancellationToken;
        var message = context.Message;
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await LedgerLock.ShareAsync(connection, transaction, ct);
        await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction));

        var calendar = await session.LoadAsync<BillingCalendar>(BillingCalendar.StreamKey, ct) ?? BillingCalendar.Empty;
        var now = clock.GetUtcNow();
        var booked = await projection.InsertNewLinesAsync(connection, transaction,
            LedgerBooking.Book(message, calendar, options.Value.Zone), now, ct);
        if (booked.Count == 0) return;

        session.Events.StartStream($"usage:{message.BatchId}", new UsageBooked(message.BatchId, now, booked));
        await session.SaveChangesAsync(ct);
        await projection.AddToRollupsAsync(connection, transaction, booked, ct);
        await transaction.CommitAsync(ct);
    }
}
