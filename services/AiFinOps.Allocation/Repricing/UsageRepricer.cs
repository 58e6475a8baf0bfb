using System.Text.Json;
using AiFinOps.Allocation.Ledger;
using AiFinOps.Allocation.Periods;
using AiFinOps.Contracts.Pricing;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiFinOps.Allocation.Repricing;

/// <summary>
/// Runs a re-pricing page by page. Each page is one PostgreSQL transaction, like a usage booking: the ledger lock
/// shared, the affected calls read with their cost so far, their price now asked of ingest, the difference booked as
/// re-pricing lines, the <see cref="UsageRepriced"/> event and the rollups — all or nothing. Re-pricings take a lock
/// of their own alone, so two never compute a difference from the same sums. A page already booked (a redelivered or
/// retried run) is not done again: its event says where it ended, and the run continues from there.
/// </summary>
public sealed class UsageRepricer(NpgsqlDataSource database, IDocumentStore store, LedgerProjection projection, IngestPricing ingest,
    IOptions<AllocationOptions> allocation, IOptions<RepricingOptions> options, TimeProvider clock, ILogger<UsageRepricer> logger)
{
    private const long RepricingLockKey = 4_207_002_002;

    public async Task<RepricingProgress> RepriceAsync(RepricingScope scope, Action<RepricingProgress>? report, CancellationToken ct)
    {
        var progress = RepricingProgress.None;
        AffectedCalls.Position? after = null;
        for (var page = 0; ; page++)
        {
            var (done, last, isLast) = await RepricePageAsync(scope, page, after, ct);
            progress = progress.Add(done);
            report?.Invoke(progress);
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

    private async Task<(RepricingProgress Done, AffectedCalls.Position? Last, bool IsLast)> RepricePageAsync(
        RepricingScope scope, int page, AffectedCalls.Position? after, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await LedgerLock.ShareAsync(connection, transaction, ct);
        await using (var exclusive = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({RepricingLockKey})", connection, transaction))
        {
            await exclusive.ExecuteNonQueryAsync(ct);
        }

        var streamKey = scope.StreamKey(page);
        if (await BookedPageAsync(connection, transaction, streamKey, ct) is { } booked)
            return (RepricingProgress.None with { Pages = 1, Calls = booked.Calls }, new(booked.LastOccurredAt, booked.LastEventId), booked.IsLast);

        var affected = await AffectedCalls.ReadPageAsync(connection, transaction, scope, after, options.Value.PageSize, ct);
        if (affected.Last is not { } last) return (RepricingProgress.None, null, true);

        var priced = await ingest.PriceAsync(affected.Calls.Select(ToPrice).ToList(), scope.CatalogueSequence > 0 ? scope.CatalogueSequence : null, ct);
        foreach (var rejected in priced.Rejected)
            logger.LogWarning("Re-pricing {Run}: ingest cannot price {EventId} ({Field}: {Reason}); its cost stays as booked", scope.Run, rejected.EventId, rejected.Field, rejected.Reason);

        await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction));
        var calendar = await session.LoadAsync<BillingCalendar>(BillingCalendar.StreamKey, ct) ?? BillingCalendar.Empty;
        var lines = RepricingDecision.Lines(scope, affected.Calls, priced.Usages.ToDictionary(u => u.EventId, StringComparer.Ordinal),
            calendar, allocation.Value.Zone);
        var now = clock.GetUtcNow();
        var inserted = await projection.InsertNewLinesAsync(connection, transaction, lines, now, ct);

        // Booked even when nothing changed: the event is what fixes this page's end for a retry.
        var record = new RepricingPage(page, affected.Calls.Count, last.OccurredAt, last.EventId, affected.IsLast);
        session.Events.StartStream(streamKey, new UsageRepriced(scope.CatalogueSequence, scope.Change, now, inserted, record));
        await session.SaveChangesAsync(ct);
        await projection.AddToRollupsAsync(connection, transaction, inserted, ct);
        await transaction.CommitAsync(ct);
        return (RepricingProgress.Of(affected.Calls.Count, inserted), last, affected.IsLast);
    }

    /// <summary>The page record of an already booked page, read without loading its lines.</summary>
    private static async Task<RepricingPage?> BookedPageAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string streamKey, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT data -> 'page' FROM {AllocationModule.Schema}.mt_events WHERE stream_id = @stream ORDER BY version LIMIT 1",
            connection, transaction);
        command.Parameters.AddWithValue("stream", streamKey);
        return await command.ExecuteScalarAsync(ct) is string json
            ? JsonSerializer.Deserialize<RepricingPage>(json, JsonSerializerOptions.Web)
            : null;
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
