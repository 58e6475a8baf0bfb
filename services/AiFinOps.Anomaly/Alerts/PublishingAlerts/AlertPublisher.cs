using AiFinOps.Anomaly.Watching;
using AiFinOps.Contracts.Messages;
using Marten;
using MassTransit;
using Npgsql;

namespace AiFinOps.Anomaly.Alerts.PublishingAlerts;

/// <summary>
/// Publishes every stored <see cref="AnomalyAlert"/> not published yet as an <see cref="AlertRaised"/> (persistent,
/// broker-confirmed, message id = alert id) and only then marks it published. The alert is committed with its
/// detection before this ever sees it, so none is lost; a crash between the broker's confirm and the mark sends it once
/// more with the same message id, which deliveries deduplicate on. One replica publishes at a time.
/// </summary>
public sealed class AlertPublisher(IDocumentStore store, NpgsqlDataSource database, IBus bus, AlertSignal signal,
    TimeProvider clock, ILogger<AlertPublisher> logger) : BackgroundService
{
    public const string Source = "anomaly";
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private const int BatchSize = 100;

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
                logger.LogWarning(ex, "Publishing anomaly alerts failed; they stay pending and are retried at the next poll");
            }
            try
            {
                await signal.WaitAsync(PollInterval, stoppingToken);
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
            while (await PublishBatchAsync(cancellationToken) == BatchSize) { }
        }
        finally
        {
            await AdvisoryLockAsync(connection, "pg_advisory_unlock", CancellationToken.None);
        }
    }

    private async Task<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<AnomalyAlert> pending;
        await using (var query = store.QuerySession())
        {
            pending = await query.Query<AnomalyAlert>().Where(a => a.PublishedAt == null)
                .OrderBy(a => a.RaisedAt).Take(BatchSize).ToListAsync(cancellationToken);
        }
        foreach (var alert in pending)
        {
            await bus.Publish(MessageOf(alert), ctx =>
            {
                ctx.Durable = true;
                ctx.MessageId = alert.Id;
            }, cancellationToken);
            // Never cancelled: what the broker confirmed must be recorded, or it is sent again.
            await using var session = store.LightweightSession();
            session.Store(alert with { PublishedAt = clock.GetUtcNow() });
            await session.SaveChangesAsync(CancellationToken.None);
            logger.LogInformation("Published anomaly alert {AlertId}: {Kind} of workflow {Workflow}", alert.Id, alert.Kind, alert.Workflow);
        }
        return pending.Count;
    }

    public static AlertRaised MessageOf(AnomalyAlert alert)
    {
        var (start, end) = PeriodRange(alert.Period);
        return new AlertRaised
        {
            AlertId = alert.Id,
            Kind = alert.Kind,
            Source = Source,
            Severity = alert.Severity,
            Title = alert.Title,
            Text = alert.Text,
            RaisedAt = alert.RaisedAt,
            Scope = $"workflow:{alert.Workflow}",
            Team = alert.Team,
            Period = alert.Period,
            PeriodStart = start,
            PeriodEnd = end,
            Owner = alert.Owner,
            Facts = alert.Facts,
        };
    }

    /// <summary>An hour (<c>2026-11-14T09</c>) or a month (<c>2026-11</c>) as a UTC range.</summary>
    public static (DateTimeOffset? Start, DateTimeOffset? End) PeriodRange(string period)
    {
        var styles = System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal;
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        if (DateTime.TryParseExact(period, "yyyy-MM-dd'T'HH", invariant, styles, out var hour))
            return (new DateTimeOffset(hour, TimeSpan.Zero), new DateTimeOffset(hour, TimeSpan.Zero).AddHours(1));
        if (DateTime.TryParseExact(period, "yyyy-MM", invariant, styles, out var month))
            return (new DateTimeOffset(month, TimeSpan.Zero), new DateTimeOffset(month, TimeSpan.Zero).AddMonths(1));
        return (null, null);
    }

    private async Task<bool> AdvisoryLockAsync(NpgsqlConnection connection, string function, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"select {function}(@key)", connection);
        command.Parameters.AddWithValue("key", WatchLock.KeyOf(store.Options.DatabaseSchemaName, 2));
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
