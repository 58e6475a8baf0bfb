using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AiFinOps.ServiceDefaults.Messaging;

/// <summary>
/// The loop of every outbox here: things committed as "to publish" in the same transaction as what caused them are
/// published (persistent, broker-confirmed) and only then marked published, a batch at a time, whenever
/// <see cref="WaitForWorkAsync"/> wakes it (a signal, or the poll interval). One replica publishes at a time: the loop
/// holds a PostgreSQL session advisory lock (<see cref="LockKey"/>) while it works. A failure leaves the items pending
/// for the next round; a crash between the broker's confirm and the mark sends an item once more with the same message
/// id, which subscribers deduplicate on. Every item has <see cref="PublishTimeout"/> to be confirmed: RabbitMQ.Client
/// 7.2 can leave a publish waiting forever for a confirm that a broker restart lost (rabbitmq-dotnet-client #1930), and
/// one such wait must not stop the outbox for good — the item stays pending and the next round publishes it again.
/// </summary>
public abstract class OutboxPublisher<TItem>(NpgsqlDataSource database, ILogger logger) : BackgroundService
{
    protected static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    protected const int BatchSize = 100;

    /// <summary>How long one item may wait for the broker's confirm before the round ends and the item stays pending.</summary>
    public static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);

    /// <summary>What is published, for the log: <c>budget alerts</c>.</summary>
    protected abstract string What { get; }

    /// <summary>The advisory lock that keeps this outbox to one publisher across replicas.</summary>
    protected abstract long LockKey { get; }

    /// <summary>Up to <paramref name="limit"/> items not published yet, oldest first.</summary>
    protected abstract Task<IReadOnlyList<TItem>> PendingAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Publishes one item and records that it was (the record is never cancelled once the broker confirmed).</summary>
    protected abstract Task PublishAsync(TItem item, CancellationToken cancellationToken);

    /// <summary>Returns when there may be work: a signal from the writer, or at most <paramref name="timeout"/>.</summary>
    protected abstract Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken);

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
                logger.LogWarning(ex, "Publishing {What} failed; they stay pending and are retried at the next poll", What);
            }
            try
            {
                await WaitForWorkAsync(PollInterval, stoppingToken);
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
            while (true)
            {
                var pending = await PendingAsync(BatchSize, cancellationToken);
                foreach (var item in pending) await PublishInTimeAsync(item, cancellationToken);
                if (pending.Count < BatchSize) break;
            }
        }
        finally
        {
            await AdvisoryLockAsync(connection, "pg_advisory_unlock", CancellationToken.None);
        }
    }

    private async Task PublishInTimeAsync(TItem item, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PublishTimeout);
        try
        {
            await PublishAsync(item, timeout.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the broker did not confirm one of the {What} within {PublishTimeout.TotalSeconds:F0} s", ex);
        }
    }

    private async Task<bool> AdvisoryLockAsync(NpgsqlConnection connection, string function, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"select {function}(@key)", connection);
        command.Parameters.AddWithValue("key", LockKey);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
