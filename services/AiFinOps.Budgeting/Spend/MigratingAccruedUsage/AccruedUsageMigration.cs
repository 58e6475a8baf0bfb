using Marten;
using Npgsql;

namespace AiFinOps.Budgeting.Spend.MigratingAccruedUsage;

/// <summary>
/// Moves a database accrued before <c>accrued_events</c> and <c>accrued_spend</c> existed onto them, once, at startup
/// (after Marten created the new tables, before the bus consumes): every event id of the old one-row-per-event
/// <c>accrued_usage</c> into <c>accrued_events</c> (so a redelivery of an event accrued before the upgrade still accrues
/// nothing), its rows summed into <c>accrued_spend</c>, and the old table renamed to <c>accrued_usage_before_rollup</c>
/// (kept, not dropped: nothing is lost; drop it once satisfied). One transaction holding <see cref="AccrualLock"/>
/// alone: replicas starting together migrate once, and no consumer accrues in between.
/// </summary>
public sealed class AccruedUsageMigration(NpgsqlDataSource database, IDocumentStore store, ILogger<AccruedUsageMigration> logger) : IHostedService
{
    public const string Legacy = "accrued_usage";
    public const string Kept = "accrued_usage_before_rollup";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await RunAsync(database, store.Options.DatabaseSchemaName, cancellationToken))
            logger.LogInformation("Migrated {Legacy} to {Events} and {Spend}; the old rows are kept in {Kept}",
                Legacy, SpendTables.AccruedEvents, SpendTables.AccruedSpend, Kept);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Migrates <paramref name="schema"/> if it still has <c>accrued_usage</c>; false when there was nothing to do.</summary>
    public static async Task<bool> RunAsync(NpgsqlDataSource database, string schema, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await AccrualLock.TakeAloneAsync(connection, transaction, cancellationToken);
        await using (var exists = new NpgsqlCommand("SELECT to_regclass(@table) IS NOT NULL", connection, transaction))
        {
            exists.Parameters.AddWithValue("table", $"{schema}.{Legacy}");
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!) return false;
        }

        var key = string.Join(", ", SpendTables.AccruedSpendKey);
        await using var migrate = new NpgsqlCommand($"""
            INSERT INTO {schema}.{SpendTables.AccruedEvents} (event_id)
            SELECT event_id FROM {schema}.{Legacy} ORDER BY event_id
            ON CONFLICT (event_id) DO NOTHING;
            INSERT INTO {schema}.{SpendTables.AccruedSpend} AS s ({key}, tags, list_cost_usd, effective_cost_usd, billed_cost_usd, events)
            SELECT date_trunc('month', occurred_at AT TIME ZONE 'UTC')::date, team, workflow, environment, provider, model, priced,
                md5(tags::text)::uuid, tags, sum(list_cost_usd), sum(effective_cost_usd), coalesce(sum(billed_cost_usd), 0), sum(events)
            FROM {schema}.{Legacy}
            GROUP BY 1, team, workflow, environment, provider, model, priced, tags
            ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
            ON CONFLICT ({key}) DO UPDATE
              SET list_cost_usd = s.list_cost_usd + excluded.list_cost_usd,
                  effective_cost_usd = s.effective_cost_usd + excluded.effective_cost_usd,
                  billed_cost_usd = s.billed_cost_usd + excluded.billed_cost_usd,
                  events = s.events + excluded.events;
            ALTER TABLE {schema}.{Legacy} RENAME TO {Kept};
            """, connection, transaction);
        await migrate.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
