using AiFinOps.Anomaly.Watching;
using AiFinOps.Contracts.Messages;
using AiFinOps.ServiceDefaults.Messaging;
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
    TimeProvider clock, ILogger<AlertPublisher> logger) : OutboxPublisher<AnomalyAlert>(database, logger)
{
    public const string Source = "anomaly";

    protected override string What => "anomaly alerts";

    protected override long LockKey => WatchLock.KeyOf(store.Options.DatabaseSchemaName, 2);

    protected override Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);

    protected override async Task<IReadOnlyList<AnomalyAlert>> PendingAsync(int limit, CancellationToken cancellationToken)
    {
        await using var query = store.QuerySession();
        return await query.Query<AnomalyAlert>().Where(a => a.PublishedAt == null)
            .OrderBy(a => a.RaisedAt).Take(limit).ToListAsync(cancellationToken);
    }

    protected override async Task PublishAsync(AnomalyAlert alert, CancellationToken cancellationToken)
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
}
