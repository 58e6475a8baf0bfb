using System.Security.Cryptography;
using System.Text;
using AiFinOps.Budgeting.Budgets;
using AiFinOps.Contracts.Messages;
using AiFinOps.ServiceDefaults.Messaging;
using Marten;
using Marten.Patching;
using MassTransit;
using Npgsql;

namespace AiFinOps.Budgeting.Alerts.PublishingAlerts;

/// <summary>
/// Publishes every stored <see cref="BudgetAlert"/> not published yet as an <see cref="AlertRaised"/> — and threshold
/// alerts (the org-wide one included) also as a <see cref="BudgetThresholdCrossed"/>, as before — persistent and
/// broker-confirmed, and only then marks it published. The alert is committed with its event before this ever sees it,
/// so none is lost; a crash between the broker's confirm and the mark sends it once more with the same message id
/// (<see cref="BudgetAlert.Id"/>), which subscribers deduplicate on. One replica publishes at a time.
/// </summary>
public sealed class AlertPublisher(IDocumentStore store, NpgsqlDataSource database, IBus bus, AlertSignal signal,
    BudgetingSettings settings, TimeProvider clock, ILogger<AlertPublisher> logger) : OutboxPublisher<BudgetAlert>(database, logger)
{
    protected override string What => "budget alerts";

    protected override long LockKey => 4_207_003_000_000L + BitConverter.ToUInt16(SHA256.HashData(Encoding.UTF8.GetBytes(store.Options.DatabaseSchemaName)));

    protected override Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);

    protected override async Task<IReadOnlyList<BudgetAlert>> PendingAsync(int limit, CancellationToken cancellationToken)
    {
        await using var query = store.QuerySession();
        return await query.Query<BudgetAlert>().Where(a => a.PublishedAt == null)
            .OrderBy(a => a.CrossedAt).Take(limit).ToListAsync(cancellationToken);
    }

    protected override async Task PublishAsync(BudgetAlert alert, CancellationToken cancellationToken)
    {
        await bus.Publish(AlertRaisedMessage.Of(alert, settings.DashboardUrl), ctx =>
        {
            ctx.Durable = true;
            ctx.MessageId = alert.Id;
        }, cancellationToken);
        if (MessageOf(alert) is { } crossed)
        {
            await bus.Publish(crossed, ctx =>
            {
                ctx.Durable = true;
                ctx.MessageId = alert.Id;
            }, cancellationToken);
        }
        // Never cancelled: what the broker confirmed must be recorded, or it is sent again. A patch, not a store:
        // an acknowledgement made meanwhile stays.
        await using var session = store.LightweightSession();
        session.Patch<BudgetAlert>(alert.Id).Set(a => a.PublishedAt, clock.GetUtcNow());
        await session.SaveChangesAsync(CancellationToken.None);
        logger.LogInformation("Published {Kind} alert {AlertId}: budget {BudgetId} in {Period}", alert.Kind, alert.Id, alert.BudgetId, alert.Period);
    }

    /// <summary>The threshold message of a threshold alert; null for a forecast alert, which crossed no threshold.</summary>
    public static BudgetThresholdCrossed? MessageOf(BudgetAlert alert)
    {
        if (alert.ThresholdPercent is not { } threshold) return null;
        var (start, end) = BudgetPeriods.RangeOf(alert.Period);
        return new BudgetThresholdCrossed
        {
            AlertId = alert.Id,
            BudgetId = alert.BudgetId,
            BudgetName = alert.BudgetName,
            Scope = alert.Scope.ToString(),
            Period = alert.Period,
            PeriodStart = start,
            PeriodEnd = end,
            ThresholdPercent = threshold,
            SpentUsd = alert.SpentUsd,
            BudgetUsd = alert.BudgetUsd,
            PercentUsed = alert.PercentUsed,
            CrossedAt = alert.CrossedAt,
            Cause = alert.Cause,
            Owner = alert.Owner,
            Recipients = alert.Recipients,
        };
    }
}
