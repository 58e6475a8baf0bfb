using JasperFx.Events;
using Marten;
using Marten.Events;
using Npgsql;

namespace AiFinOps.Allocation.Ledger.Rebuilding;

/// <summary>
/// Rebuilds the ledger tables from the ledger's events, in one transaction that holds the ledger lock: readers see the
/// old numbers until the new ones are complete, and bookings wait. One rebuild at a time; its progress is readable.
/// </summary>
public sealed class LedgerRebuilder(NpgsqlDataSource database, IDocumentStore store, LedgerProjection projection,
    TimeProvider clock, ILogger<LedgerRebuilder> logger)
{
    private const int PageSize = 200;
    private readonly Lock gate = new();
    private RebuildProgress progress = RebuildProgress.NeverRun;

    public RebuildProgress Progress { get { lock (gate) return progress; } }

    /// <summary>Starts a rebuild in the background; false when one is running already.</summary>
    public bool TryStart(string requestedBy)
    {
        lock (gate)
        {
            if (progress.State == RebuildProgress.Running) return false;
            progress = new RebuildProgress(RebuildProgress.Running, requestedBy, clock.GetUtcNow(), null, 0, 0, 0, null);
        }
        _ = Task.Run(RunAsync);
        return true;
    }

    private async Task RunAsync()
    {
        try
        {
            await RebuildAsync(CancellationToken.None);
            Update(p => p with { State = RebuildProgress.Succeeded, FinishedAt = clock.GetUtcNow() });
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Rebuilding the ledger failed; the previous tables stay as they were");
            Update(p => p with { State = RebuildProgress.Failed, FinishedAt = clock.GetUtcNow(), Error = ex.Message });
        }
    }

    private async Task RebuildAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await LedgerLock.TakeAloneAsync(connection, transaction, ct);

        await using var query = store.QuerySession();
        var total = await query.Events.QueryAllRawEvents()
            .Where(e => e.EventTypesAre(typeof(UsageBooked), typeof(UsageRepriced))).CountAsync(ct);
        Update(p => p with { EventsTotal = total });

        await using (var truncate = new NpgsqlCommand(
            $"TRUNCATE {AllocationModule.Schema}.{LedgerTables.Lines}, {AllocationModule.Schema}.{LedgerTables.Hourly}, " +
            $"{AllocationModule.Schema}.{LedgerTables.Daily}, {AllocationModule.Schema}.{LedgerTables.Statement}",
            connection, transaction))
        {
            await truncate.ExecuteNonQueryAsync(ct);
        }

        long after = 0;
        while (true)
        {
            var page = await query.Events.QueryAllRawEvents()
                .Where(e => e.EventTypesAre(typeof(UsageBooked), typeof(UsageRepriced)) && e.Sequence > after)
                .OrderBy(e => e.Sequence).Take(PageSize).ToListAsync(ct);
            if (page.Count == 0) break;
            foreach (var e in page)
            {
                (IReadOnlyList<LedgerLine> lines, DateTimeOffset bookedAt) = e.Data switch
                {
                    UsageBooked booked => (booked.Lines, booked.BookedAt),
                    UsageRepriced repriced => (repriced.Lines, repriced.BookedAt),
                    _ => throw new InvalidOperationException($"Unexpected ledger event {e.EventTypeName}"),
                };
                var inserted = await projection.InsertNewLinesAsync(connection, transaction, lines, bookedAt, ct);
                await projection.AddToRollupsAsync(connection, transaction, inserted, ct);
                Update(p => p with { EventsDone = p.EventsDone + 1, LinesDone = p.LinesDone + inserted.Count });
            }
            after = page[^1].Sequence;
        }
        await transaction.CommitAsync(ct);
        logger.LogInformation("Rebuilt the ledger from {Events} events ({Lines} lines)", Progress.EventsDone, Progress.LinesDone);
    }

    private void Update(Func<RebuildProgress, RebuildProgress> change)
    {
        lock (gate) progress = change(progress);
    }
}

/// <summary>Where the last (or the running) rebuild is.</summary>
public sealed record RebuildProgress(
    string State, string? RequestedBy, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    long EventsTotal, long EventsDone, long LinesDone, string? Error)
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    public static RebuildProgress NeverRun { get; } = new("never-run", null, null, null, 0, 0, 0, null);
}
