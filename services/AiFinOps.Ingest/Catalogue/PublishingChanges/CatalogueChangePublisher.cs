using AiFinOps.Contracts.Messages;
using Marten;
using MassTransit;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiFinOps.Ingest.Catalogue.PublishingChanges;

/// <summary>
/// Publishes every catalogue event as a <see cref="CatalogueChanged"/>, at least once and in sequence order: it reads
/// the events after the last published sequence, publishes each (persistent, broker-confirmed) and only then moves the
/// mark. A broker that is down leaves the mark where it is; the next poll (every few seconds, or right after a change
/// made here) starts again from there, in this process or after a restart. One replica publishes at a time.
/// </summary>
public sealed class CatalogueChangePublisher(
    IDocumentStore store,
    NpgsqlDataSource database,
    IBus bus,
    CatalogueChangeSignal signal,
    IOptions<CatalogueChangePublishing> options,
    TimeProvider clock,
    ILogger<CatalogueChangePublisher> logger) : BackgroundService
{
    /// <summary>The advisory lock held by the replica that publishes. Locks are database-wide: 4_207_00N are the services'
    /// schema locks, so ingest's own locks are 4_207_001_NNN.</summary>
    private const long PublisherLock = 4_207_001_001;

    private readonly SequenceGaps gaps = new(options.Value.GapPatience);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PublishPendingAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Publishing catalogue changes failed; they stay pending and are retried at the next poll");
            }
            try
            {
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task PublishPendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        if (!await AdvisoryLockAsync(connection, "pg_try_advisory_lock", cancellationToken)) return;
        try
        {
            while (await PublishBatchAsync(cancellationToken)) { }
        }
        finally
        {
            await AdvisoryLockAsync(connection, "pg_advisory_unlock", CancellationToken.None);
        }
    }

    /// <summary>Publishes the next batch; true when more may be waiting right behind it.</summary>
    private async Task<bool> PublishBatchAsync(CancellationToken cancellationToken)
    {
        var batchSize = options.Value.BatchSize;
        await using var session = store.QuerySession();
        var after = (await session.LoadAsync<PublishedCatalogueChanges>(PublishedCatalogueChanges.TheOne, cancellationToken))?.LastSequence ?? 0;
        var events = await CatalogueChangeLog.ReadAsync(session, after, batchSize, catalogueOnly: false, cancellationToken);
        var publishable = gaps.Publishable(after, events.Select(e => e.Sequence).ToList(), clock.GetUtcNow());
        if (publishable == 0) return false;

        var published = after;
        var count = 0;
        try
        {
            foreach (var e in events.Take(publishable))
            {
                if (await CatalogueChangeLog.ChangeOfAsync(session, e, cancellationToken) is { } change)
                {
                    await PublishAsync(change, cancellationToken);
                    count++;
                }
                published = e.Sequence;
            }
        }
        finally
        {
            if (published > after) await SaveMarkAsync(published);
        }
        if (count > 0) logger.LogInformation("Published {Count} catalogue changes up to sequence {Sequence}", count, published);
        return publishable == events.Count && events.Count == batchSize;
    }

    private async Task PublishAsync(CatalogueChanged change, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        await bus.Publish(change, ctx => ctx.Durable = true, timeout.Token);
    }

    /// <summary>Never cancelled: what the broker confirmed must be recorded, or it is published again.</summary>
    private async Task SaveMarkAsync(long sequence)
    {
        await using var session = store.LightweightSession();
        session.Store(new PublishedCatalogueChanges(PublishedCatalogueChanges.TheOne, sequence, clock.GetUtcNow()));
        await session.SaveChangesAsync(CancellationToken.None);
    }

    private static async Task<bool> AdvisoryLockAsync(NpgsqlConnection connection, string function, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"select {function}(@key)", connection);
        command.Parameters.AddWithValue("key", PublisherLock);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
