using AiFinOps.Budgeting.Budgets;
using AiFinOps.Budgeting.Spend.RecordingSpend;
using Npgsql;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace AiFinOps.Budgeting.Spend;

/// <summary>
/// <c>budget_period_contributors</c>: each budget-period's spend per workflow and per model, kept beside
/// <c>budget_period_spend</c> in the same transaction and only written under that row's lock. Read only when an alert is
/// raised, for the top contributors it names.
/// </summary>
public static class SpendContributors
{
    public const string Name = "budget_period_contributors";
    public const int Top = 5;

    public static Table Table(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, Name, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("budget_id").AsPrimaryKey();
        table.AddColumn<string>("period").AsPrimaryKey();
        table.AddColumn<string>("dimension").AsPrimaryKey();
        table.AddColumn<string>("value").AsPrimaryKey();
        table.AddColumn("spent_usd", "numeric").NotNull().DefaultValueByExpression("0");
        return table;
    }

    /// <summary>Adds a batch's contributions, in key order, in one statement.</summary>
    public static async Task AddAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema,
        IReadOnlyList<ContributorDelta> deltas, CancellationToken cancellationToken)
    {
        if (deltas.Count == 0) return;
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {schema}.{Name} AS c (budget_id, period, dimension, value, spent_usd)
            SELECT u.budget_id, u.period, u.dimension, u.value, u.spent_usd
            FROM unnest(@budget_id, @period, @dimension, @value, @spent_usd) AS u(budget_id, period, dimension, value, spent_usd)
            ORDER BY u.budget_id, u.period, u.dimension, u.value
            ON CONFLICT (budget_id, period, dimension, value) DO UPDATE SET spent_usd = c.spent_usd + excluded.spent_usd
            """, connection, transaction);
        command.Parameters.AddWithValue("budget_id", deltas.Select(d => d.BudgetId).ToArray());
        command.Parameters.AddWithValue("period", deltas.Select(d => d.Period).ToArray());
        command.Parameters.AddWithValue("dimension", deltas.Select(d => d.Dimension).ToArray());
        command.Parameters.AddWithValue("value", deltas.Select(d => d.Value).ToArray());
        command.Parameters.AddWithValue("spent_usd", deltas.Select(d => d.SpentUsd).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// A new (or reinstated) budget's contributors in its first period, from the usage already accrued in its scope; the
    /// caller holds <see cref="AccrualLock"/> alone, as for <see cref="SpendStore.StartAsync"/>.
    /// </summary>
    public static async Task StartAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, Budget budget,
        CancellationToken cancellationToken)
    {
        var (from, to) = BudgetPeriods.RangeOf(budget.FirstPeriod);
        await using var command = new NpgsqlCommand($"""
            DELETE FROM {schema}.{Name} WHERE budget_id = @budget_id AND period = @period;
            INSERT INTO {schema}.{Name} (budget_id, period, dimension, value, spent_usd)
            SELECT @budget_id, @period, d.dimension, d.value, sum(a.effective_cost_usd)
            FROM {schema}.{SpendTables.AccruedSpend} a
            CROSS JOIN LATERAL (VALUES ('{SpendContributor.Workflow}', a.workflow),
                                       ('{SpendContributor.Model}', {SpendContributor.ModelNameSql})) AS d(dimension, value)
            WHERE a.month >= @from AND a.month < @to AND a.effective_cost_usd <> 0 AND {SpendStore.ScopeCondition(budget.Terms.Scope)}
            GROUP BY d.dimension, d.value
            """, connection, transaction);
        command.Parameters.AddWithValue("budget_id", budget.Id);
        command.Parameters.AddWithValue("period", budget.FirstPeriod);
        command.Parameters.AddWithValue("from", DateOnly.FromDateTime(from.UtcDateTime));
        command.Parameters.AddWithValue("to", DateOnly.FromDateTime(to.UtcDateTime));
        command.Parameters.AddWithValue("value", budget.Terms.Scope.Value);
        command.Parameters.AddWithValue("key", budget.Terms.Scope.TagKey ?? "");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The <see cref="Top"/> workflows and models that spent most in a budget-period, largest first.</summary>
    public static async Task<(IReadOnlyList<SpendContributor> Workflows, IReadOnlyList<SpendContributor> Models)> TopAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, string budgetId, string period,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            (SELECT dimension, value, spent_usd FROM {schema}.{Name}
              WHERE budget_id = @budget_id AND period = @period AND dimension = '{SpendContributor.Workflow}' AND spent_usd > 0
              ORDER BY spent_usd DESC, value LIMIT {Top})
            UNION ALL
            (SELECT dimension, value, spent_usd FROM {schema}.{Name}
              WHERE budget_id = @budget_id AND period = @period AND dimension = '{SpendContributor.Model}' AND spent_usd > 0
              ORDER BY spent_usd DESC, value LIMIT {Top})
            """, connection, transaction);
        command.Parameters.AddWithValue("budget_id", budgetId);
        command.Parameters.AddWithValue("period", period);
        var workflows = new List<SpendContributor>();
        var models = new List<SpendContributor>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var contributor = new SpendContributor(reader.GetString(1), reader.GetDecimal(2));
            (reader.GetString(0) == SpendContributor.Workflow ? workflows : models).Add(contributor);
        }
        return (Order(workflows), Order(models));
    }

    // UNION ALL keeps no order between its branches' rows by promise: order again.
    private static List<SpendContributor> Order(List<SpendContributor> rows) =>
        rows.OrderByDescending(r => r.SpentUsd).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
}
