using AiFinOps.Allocation.Ledger;
using AiFinOps.Allocation.Periods;
using AiFinOps.Contracts.Messages;
using AiFinOps.Contracts.Pricing;
using Marten;
using MassTransit;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiFinOps.Allocation.Repricing;

/// <summary>
/// Runs a re-pricing page by page. Each page is one PostgreSQL transaction, like a usage booking: the ledger lock
/// shared, the affected calls read with their cost so far, their price now asked of ingest, the difference booked as
/// re-pricing lines, the <see cref="UsageRepriced"/> event and the rollups — all or nothing. Re-pricings take a lock
/// of their own alone, so two never compute a difference from the same sums. A page already booked (a redelivered or
/// retried run) is not done again: its event says where it ended, and the run continues from there.
/// <para>
/// Budgets hear of it without an outbox: once a page's transaction has committed, its lines are published as one
/// <see cref="SpendRepriced"/> (persistent, broker-confirmed, message id = the page id derived from the stream key;
/// see <see cref="RepricedSpend"/>). A page met again already booked is published again from its stored event. So a
/// crash or a broker failure between the commit and the confirm fails the run, and what runs it again — MassTransit's
/// retry or redelivery of the <see cref="CatalogueChanged"/>, the admin run's own retry — meets the
/// page booked and sends it then. Budgeting applies each line id once, so the sends a healthy run repeats change nothing.
/// (Admin runs live in memory: one whose process dies between a commit and the confirm is not resumed; see
/// docs/CONVENTIONS.md.)
/// </para>
/// </summary>
public sealed class UsageRepricer(NpgsqlDataSource database, IDocumentStore store, LedgerProjection projection, IngestPricing ingest,
    IBus bus, IOptions<AllocationOptions> allocation, IOptions<RepricingOptions> options, TimeProvider clock, ILogger<UsageRepricer> logger)
{
    private const long RepricingLockKey = 4_207_002_002;

    public async Task<RepricingProgress> RepriceAsync(RepricingScope scope, Action<RepricingProgress>? report, CancellationToken ct)
    {
        var progress = RepricingProgress.None;
        AffectedCalls.Position? after = null;
        for (var page = 0; ; page++)
        {
            var (done, last, isLast, booked) = await RepricePageAsync(scope, page, after, ct);
            progress = progress.Add(done);
            report?.Invoke(progress);
            // After the commit, never inside the transaction: what budgets hear of is always booked here.
            if (booked is not null && RepricedSpend.MessageOf(scope, page, booked) is { } message) await PublishAsync(message, ct);
            if (isLast || last is null) break;
            after = last;
        }
        if (progress.Lines > 0)
        {
            logger.LogInformation("Re-pricing {Run} ({Scope}) booked {Lines} lines over {Calls} calls: list {List:+0.########;-0.########;0} USD, effective {Effective:+0.########;-0.########;0} USD",
                scope.Run, scope.Describe(), progress.Lines, progress.Calls, progress.ListCostUsd, progress.EffectiveCostUsd);
        }
        return progress;
    }

    /// <summary>Books one page, or finds it booked; returns its event (null when the run had no calls left).</summary>
    private async Task<(RepricingProgress Done, AffectedCalls.Position? Last, bool IsLast, UsageRepriced? Booked)> RepricePageAsync(
        RepricingScope scope, int page, AffectedCalls.Position? after, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await LedgerLock.ShareAsync(connection, transaction, ct);
        await using (var exclusive = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({RepricingLockKey})", connection, transaction))
        {
            await exclusive.ExecuteNonQueryAsync(ct);
        }

        await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction));
        var streamKey = scope.StreamKey(page);
        if (await BookedPageAsync(session, streamKey, ct) is { } booked)
        {
            return booked.Page is { } p
                ? (RepricingProgress.None with { Pages = 1, Calls = p.Calls }, new(p.LastOccurredAt, p.LastEventId), p.IsLast, booked)
                : (RepricingProgress.None with { Pages = 1 }, null, true, booked);
        }

        var affected = await AffectedCalls.ReadPageAsync(connection, transaction, scope, after, options.Value.PageSize, ct);
        if (affected.Last is not { } last) return (RepricingProgress.None, null, true, null);

        var priced = await ingest.PriceAsync(affected.Calls.Select(ToPrice).ToList(), scope.CatalogueSequence > 0 ? scope.CatalogueSequence : null, ct);
        foreach (var rejected in priced.Rejected)
            logger.LogWarning("Re-pricing {Run}: ingest cannot price {EventId} ({Field}: {Reason}); its cost stays as booked", scope.Run, rejected.EventId, rejected.Field, rejected.Reason);

        var calendar = await session.LoadAsync<BillingCalendar>(BillingCalendar.StreamKey, ct) ?? BillingCalendar.Empty;
        var lines = RepricingDecision.Lines(scope, affected.Calls, priced.Usages.ToDictionary(u => u.EventId, StringComparer.Ordinal),
            calendar, allocation.Value.Zone);
        var now = clock.GetUtcNow();
        var inserted = await projection.InsertNewLinesAsync(connection, transaction, lines, now, ct);

        // Booked even when nothing changed: the event is what fixes this page's end for a retry.
        var record = new RepricingPage(page, affected.Calls.Count, last.OccurredAt, last.EventId, affected.IsLast);
        var repriced = new UsageRepriced(scope.CatalogueSequence, scope.Change, now, inserted, record);
        session.Events.StartStream(streamKey, repriced);
        await session.SaveChangesAsync(ct);
        await projection.AddToRollupsAsync(connection, transaction, inserted, ct);
        await transaction.CommitAsync(ct);
        return (RepricingProgress.Of(affected.Calls.Count, inserted), last, affected.IsLast, repriced);
    }

    /// <summary>The event of an already booked page: where it ended, and its lines to publish again.</summary>
    private static async Task<UsageRepriced?> BookedPageAsync(IDocumentSession session, string streamKey, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(streamKey, token: ct);
        return events.Select(e => e.Data).OfType<UsageRepriced>().FirstOrDefault();
    }

    /// <summary>Persistent and broker-confirmed (as the bus is configured); a broker that does not confirm in time fails the run.</summary>
    private async Task PublishAsync(SpendRepriced message, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.PublishTimeout);
        await bus.Publish(message, context =>
        {
            context.Durable = true;
            context.MessageId = message.PageId;
        }, timeout.Token);
    }

    private static UsageToPrice ToPrice(BookedCall call) => new()
    {
        EventId = call.EventId,
        OccurredAt = call.OccurredAt,
        Provider = call.Provider,
        Model = call.Model,
        InputTokens = call.InputTokens,
        OutputTokens = call.OutputTokens,
        CacheReadTokens = call.CacheReadTokens,
        CacheWriteTokens = call.CacheWriteTokens,
        ReasoningTokens = call.ReasoningTokens,
        ServiceTier = call.ServiceTier,
        Tags = call.Tags,
        ReportedCostUsd = call.Booked.ReportedCostUsd,
    };
}
