using System.Text.Json;
using AiFinOps.Budgeting.Budgets;
using AiFinOps.Budgeting.Spend.RecordingSpend;
using AiFinOps.ServiceDefaults.Database;
using Npgsql;

namespace AiFinOps.Budgeting.Spend;

/// <summary>The SQL of accrual, run inside the caller's transaction.</summary>
public static class SpendStore
{
    /// <summary>
    /// Inserts the keys of the usages not accrued yet and returns exactly those usages: a redelivered or concurrent
    /// duplicate finds its key (a concurrent one waits on it, then finds it; see <see cref="OptimisticInsert"/>).
    /// </summary>
    public static Task<IReadOnlyList<AccruedUsage>> InsertNewAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string schema, IReadOnlyList<AccruedUsage> usages, CancellationToken cancellationToken)
    {
        if (usages.Count == 0) return Task.FromResult<IReadOnlyList<AccruedUsage>>([]);
        return OptimisticInsert.RunAsync(transaction, CopyAsync, InsertUnaccruedAsync, cancellationToken);

        async Task<IReadOnlyList<AccruedUsage>> CopyAsync()
        {
            await using var copy = await BinaryCopy.BeginAsync(connection,
                $"COPY {schema}.{SpendTables.AccruedEvents} (event_id) FROM STDIN (FORMAT BINARY)", cancellationToken);
            foreach (var id in usages.Select(u => u.EventId).Order(StringComparer.Ordinal))
            {
                copy.StartRow(1);
                copy.Text(id);
                await copy.EndRowAsync(cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
            return usages;
        }

        async Task<IReadOnlyList<AccruedUsage>> InsertUnaccruedAsync()
        {
            await using var command = new NpgsqlCommand($"""
                INSERT INTO {schema}.{SpendTables.AccruedEvents} AS a (event_id)
                SELECT u.event_id FROM unnest(@event_id) AS u(event_id)
                ORDER BY u.event_id
                ON CONFLICT (event_id) DO NOTHING
                RETURNING a.event_id
                """, connection, transaction);
            command.Parameters.AddWithValue("event_id", usages.Select(u => u.EventId).ToArray());

            var inserted = new HashSet<string>(StringComparer.Ordinal);
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken)) inserted.Add(reader.GetString(0));
            }
            return inserted.Count == usages.Count ? usages : usages.Where(u => inserted.Contains(u.EventId)).ToList();
        }
    }

    /// <summary>Adds new usages' sums to their <c>accrued_spend</c> rows, in key order (so concurrent consumers never deadlock).</summary>
    public static async Task AddToAccruedSpendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema,
        IReadOnlyList<AccruedSpendDelta> deltas, CancellationToken cancellationToken)
    {
        if (deltas.Count == 0) return;
        var key = string.Join(", ", SpendTables.AccruedSpendKey);
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {schema}.{SpendTables.AccruedSpend} AS s ({key}, tags, list_cost_usd, effective_cost_usd, billed_cost_usd, events)
            SELECT u.month, u.team, u.workflow, u.environment, u.provider, u.model, u.priced, md5(u.tags::text)::uuid, u.tags,
                u.list_cost_usd, u.effective_cost_usd, u.billed_cost_usd, u.events
            FROM (SELECT month, team, workflow, environment, provider, model, priced, tags::jsonb AS tags, list_cost_usd,
                    effective_cost_usd, billed_cost_usd, events
                  FROM unnest(@month, @team, @workflow, @environment, @provider, @model, @priced, @tags, @list_cost_usd,
                    @effective_cost_usd, @billed_cost_usd, @events)
                    AS v(month, team, workflow, environment, provider, model, priced, tags, list_cost_usd, effective_cost_usd,
                    billed_cost_usd, events)) AS u
            ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
            ON CONFLICT ({key}) DO UPDATE
              SET list_cost_usd = s.list_cost_usd + excluded.list_cost_usd,
                  effective_cost_usd = s.effective_cost_usd + excluded.effective_cost_usd,
                  billed_cost_usd = s.billed_cost_usd + excluded.billed_cost_usd,
                  events = s.events + excluded.events
            """, connection, transaction);
        var p = command.Parameters;
        p.AddWithValue("month", deltas.Select(d => d.Month).ToArray());
        p.AddWithValue("team", deltas.Select(d => d.Team).ToArray());
        p.AddWithValue("workflow", deltas.Select(d => d.Workflow).ToArray());
        p.AddWithValue("environment", deltas.Select(d => d.Environment).ToArray());
        p.AddWithValue("provider", deltas.Select(d => d.Provider).ToArray());
        p.AddWithValue("model", deltas.Select(d => d.Model).ToArray());
        p.AddWithValue("priced", deltas.Select(d => d.Priced).ToArray());
        p.AddWithValue("tags", deltas.Select(d => JsonSerializer.Serialize(d.Tags)).ToArray());
        p.AddWithValue("list_cost_usd", deltas.Select(d => d.ListCostUsd).ToArray());
        p.AddWithValue("effective_cost_usd", deltas.Select(d => d.EffectiveCostUsd).ToArray());
        p.AddWithValue("billed_cost_usd", deltas.Select(d => d.BilledCostUsd).ToArray());
        p.AddWithValue("events", deltas.Select(d => d.Events).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Adds the deltas to their budget-period rows (in key order, so concurrent consumers never deadlock) and returns each
    /// row's spend after the addition. The rows stay locked until the transaction ends: whoever decides a budget-period's
    /// alerts decides them alone, on the spend everyone before them committed.
    /// </summary>
    public static async Task<IReadOnlyList<(string BudgetId, string Period, decimal SpentUsd)>> AddAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, IReadOnlyList<BudgetPeriodDelta> deltas,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (deltas.Count == 0) return [];
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {schema}.{SpendTables.BudgetPeriodSpend} AS s (budget_id, period, spent_usd, events, updated_at)
            SELECT u.budget_id, u.period, u.spent_usd, u.events, @now
            FROM unnest(@budget_id, @period, @spent_usd, @events) AS u(budget_id, period, spent_usd, events)
            ORDER BY u.budget_id, u.period
            ON CONFLICT (budget_id, period) DO UPDATE
              SET spent_usd = s.spent_usd + excluded.spent_usd, events = s.events + excluded.events, updated_at = excluded.updated_at
            RETURNING s.budget_id, s.period, s.spent_usd
            """, connection, transaction);
        command.Parameters.AddWithValue("now", now.UtcDateTime);
        command.Parameters.AddWithValue("budget_id", deltas.Select(d => d.BudgetId).ToArray());
        command.Parameters.AddWithValue("period", deltas.Select(d => d.Period).ToArray());
        command.Parameters.AddWithValue("spent_usd", deltas.Select(d => d.SpentUsd).ToArray());
        command.Parameters.AddWithValue("events", deltas.Select(d => d.Events).ToArray());
        var rows = new List<(string, string, decimal)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) rows.Add((reader.GetString(0), reader.GetString(1), reader.GetDecimal(2)));
        return rows;
    }

    /// <summary>
    /// A new (or reinstated) budget's row for its first period, from the usage already accrued in its scope (the
    /// <c>accrued_spend</c> months of the period). The caller
    /// holds <see cref="AccrualLock"/> alone, so no consumer is between reading the budgets and adding to them; a row left
    /// from before an archive is recomputed.
    /// </summary>
    public static async Task<decimal> StartAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema,
        Budget budget, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (from, to) = BudgetPeriods.RangeOf(budget.FirstPeriod);
        var scope = budget.Terms.Scope;
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {schema}.{SpendTables.BudgetPeriodSpend} (budget_id, period, spent_usd, events, updated_at)
            SELECT @budget_id, @period, coalesce(sum(effective_cost_usd), 0), coalesce(sum(events), 0), @now
            FROM {schema}.{SpendTables.AccruedSpend}
            WHERE month >= @from AND month < @to AND {ScopeCondition(scope)}
            ON CONFLICT (budget_id, period) DO UPDATE
              SET spent_usd = excluded.spent_usd, events = excluded.events, updated_at = excluded.updated_at
            RETURNING spent_usd
            """, connection, transaction);
        command.Parameters.AddWithValue("budget_id", budget.Id);
        command.Parameters.AddWithValue("period", budget.FirstPeriod);
        command.Parameters.AddWithValue("now", now.UtcDateTime);
        command.Parameters.AddWithValue("from", DateOnly.FromDateTime(from.UtcDateTime));
        command.Parameters.AddWithValue("to", DateOnly.FromDateTime(to.UtcDateTime));
        command.Parameters.AddWithValue("value", scope.Value);
        command.Parameters.AddWithValue("key", scope.TagKey ?? "");
        return (decimal)(await command.ExecuteScalarAsync(cancellationToken) ?? 0m);
    }

    /// <summary>The SQL condition on <c>accrued_spend</c> rows in a scope; parameters <c>@value</c> and <c>@key</c>.</summary>
    public static string ScopeCondition(BudgetScope scope) => scope.Kind switch
    {
        BudgetScope.Org => "true",
        BudgetScope.Team => "team = @value",
        BudgetScope.Workflow => "workflow = @value",
        BudgetScope.Environment => "environment = @value",
        BudgetScope.CostCentre => $"tags ->> '{BudgetScope.CostCentreTag}' = @value",
        _ => "tags ->> @key = @value",
    };

    /// <summary>Locks (creating when missing) one budget-period row and returns its spend: an amendment's view of the period.</summary>
    public static async Task<decimal> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema,
        string budgetId, string period, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await AddAsync(connection, transaction, schema, [new BudgetPeriodDelta(budgetId, period, 0m, 0)], now, cancellationToken);
        return rows[0].SpentUsd;
    }

    /// <summary>A budget's spend in each period it has one (no lock: a read).</summary>
    public static async Task<(decimal SpentUsd, long Events)> ReadAsync(NpgsqlDataSource database, string schema, string budgetId,
        string period, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            $"SELECT spent_usd, events FROM {schema}.{SpendTables.BudgetPeriodSpend} WHERE budget_id = $1 AND period = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = budgetId });
        command.Parameters.Add(new NpgsqlParameter { Value = period });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetDecimal(0), reader.GetInt64(1)) : (0m, 0);
    }
}
