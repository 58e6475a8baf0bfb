using System.Security.Cryptography;
using System.Text;
using AiFinOps.Budgeting.Budgets;
using AiFinOps.Contracts.Messages;
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
    BudgetingSettings settings, TimeProvider clock, ILogger<AlertPublisher> logger) : BackgroundService
{
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
                logger.LogWarning(ex, "Publishing budget alerts failed; they stay pending and are retried at the next poll");
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
        IReadOnlyList<BudgetAlert> pending;
        await using (var query = store.QuerySession())
        {
            pending = await query.Query<BudgetAlert>().Where(a => a.PublishedAt == null)
                .OrderBy(a => a.CrossedAt).Take(BatchSize).ToListAsync(cancellationToken);
        }
        foreach (var alert in pending)
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
        return pending.Count;
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

    /// <summary>One lock per schema (test classes keep their own schemas in one database): budgeting's locks are 4_207_003_NNN…</summary>
    private async Task<bool> AdvisoryLockAsync(NpgsqlConnection connection, string function, CancellationToken cancellationToken)
    {
        var schema = store.Options.DatabaseSchemaName;
        var key = 4_207_003_000_000L + BitConverter.ToUInt16(SHA256.HashData(Encoding.UTF8.GetBytes(schema)));
        await using var command = new NpgsqlCommand($"select {function}(@key)", connection);
        command.Parameters.AddWithValue("key", key);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
