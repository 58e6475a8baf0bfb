using System.Text;
using System.Text.Json;
using AiFinOps.Allocation.Ledger.ClosingDays;
using AiFinOps.ServiceDefaults.Database;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiFinOps.Allocation.Ledger;

/// <summary>
/// Writes ledger lines into the read tables inside the caller's transaction: the line rows (a line already there is
/// skipped, which is what makes booking exactly-once) and their sums into the hourly, daily and statement rollups (the
/// last two for closed days only), in key order so concurrent bookings never deadlock. Used by booking and by the
/// rebuild, so both give the same numbers.
/// </summary>
public sealed class LedgerProjection(IOptions<AllocationOptions> options)
{
    private static readonly string Schema = AllocationModule.Schema;

    /// <summary>What <see cref="ExtraDimensions"/> gives when none are configured (the default): no JSON to write per line.</summary>
    private const string NoExtraDimensions = "{}";

    /// <summary>
    /// Inserts the lines the ledger does not have yet and returns exactly those: copied in when all are new (nearly
    /// always), inserted skipping the existing ones when a copy meets a line already there (see <see cref="OptimisticInsert"/>).
    /// </summary>
    public async Task<IReadOnlyList<LedgerLine>> InsertNewLinesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<LedgerLine> lines, DateTimeOffset bookedAt, CancellationToken cancellationToken)
    {
        if (lines.Count == 0) return [];
        return await OptimisticInsert.RunAsync(transaction,
            async () =>
            {
                await LedgerLinesCopy.WriteAsync(connection, lines, bookedAt, options.Value.ExtraDimensions, cancellationToken);
                return lines;
            },
            () => InsertLinesAsync(connection, transaction, lines, bookedAt, cancellationToken), cancellationToken);
    }

    /// <summary>Inserts the lines, skipping those the ledger has, and returns the ones inserted.</summary>
    private async Task<IReadOnlyList<LedgerLine>> InsertLinesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<LedgerLine> lines, DateTimeOffset bookedAt, CancellationToken cancellationToken)
    {
        var extra = options.Value.ExtraDimensions;
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {Schema}.{LedgerTables.Lines} AS l (line_id, event_id, kind, billing_period, charge_class, occurred_at, booked_at,
                provider, model, service_tier, team, workflow, environment, cost_centre_tag, run_id, recorded_by,
                catalogue_keys, tags, extra, events, unpriced_events, input_tokens, output_tokens, cache_read_tokens,
                cache_write_tokens, reasoning_tokens, list_cost_usd, effective_cost_usd, billed_cost_usd, reported_events,
                reported_cost_usd, billed_drift_usd, priced, price_reference, discount_reference,
                list_uncached_input_cost_usd, list_cache_read_cost_usd, list_cache_write_cost_usd, list_output_cost_usd, list_reasoning_cost_usd)
            SELECT u.line_id, u.event_id, u.kind, u.billing_period, u.charge_class, u.occurred_at, @booked_at,
                u.provider, u.model, u.service_tier, u.team, u.workflow, u.environment, u.cost_centre_tag, u.run_id, u.recorded_by,
                u.catalogue_keys::text[], u.tags::jsonb, u.extra::jsonb,
                u.events, u.unpriced_events, u.input_tokens, u.output_tokens, u.cache_read_tokens,
                u.cache_write_tokens, u.reasoning_tokens, u.list_cost_usd, u.effective_cost_usd, u.billed_cost_usd, u.reported_events,
                u.reported_cost_usd, u.billed_drift_usd, u.priced, u.price_reference, u.discount_reference,
                u.list_uncached_input_cost_usd, u.list_cache_read_cost_usd, u.list_cache_write_cost_usd, u.list_output_cost_usd, u.list_reasoning_cost_usd
            FROM unnest(@line_id, @event_id, @kind, @billing_period, @charge_class, @occurred_at,
                @provider, @model, @service_tier, @team, @workflow, @environment, @cost_centre_tag, @run_id, @recorded_by,
                @catalogue_keys, @tags, @extra, @events, @unpriced_events, @input_tokens, @output_tokens, @cache_read_tokens,
                @cache_write_tokens, @reasoning_tokens, @list_cost_usd, @effective_cost_usd, @billed_cost_usd, @reported_events,
                @reported_cost_usd, @billed_drift_usd, @priced, @price_reference, @discount_reference,
                @list_uncached_input_cost_usd, @list_cache_read_cost_usd, @list_cache_write_cost_usd, @list_output_cost_usd, @list_reasoning_cost_usd)
              AS u(line_id, event_id, kind, billing_period, charge_class, occurred_at,
                provider, model, service_tier, team, workflow, environment, cost_centre_tag, run_id, recorded_by,
                catalogue_keys, tags, extra, events, unpriced_events, input_tokens, output_tokens, cache_read_tokens,
                cache_write_tokens, reasoning_tokens, list_cost_usd, effective_cost_usd, billed_cost_usd, reported_events,
                reported_cost_usd, billed_drift_usd, priced, price_reference, discount_reference,
                list_uncached_input_cost_usd, list_cache_read_cost_usd, list_cache_write_cost_usd, list_output_cost_usd, list_reasoning_cost_usd)
            ORDER BY u.line_id
            ON CONFLICT (line_id) DO NOTHING
            RETURNING l.line_id
            """, connection, transaction);
        var p = command.Parameters;
        p.AddWithValue("booked_at", bookedAt.UtcDateTime);
        p.AddWithValue("line_id", lines.Select(l => l.LineId).ToArray());
        p.AddWithValue("event_id", lines.Select(l => l.EventId).ToArray());
        p.AddWithValue("kind", lines.Select(l => l.Kind).ToArray());
        p.AddWithValue("billing_period", lines.Select(l => l.BillingPeriod).ToArray());
        p.AddWithValue("charge_class", lines.Select(l => l.ChargeClass).ToArray());
        p.AddWithValue("occurred_at", lines.Select(l => l.OccurredAt.UtcDateTime).ToArray());
        p.AddWithValue("provider", lines.Select(l => l.Provider).ToArray());
        p.AddWithValue("model", lines.Select(l => l.Model).ToArray());
        p.AddWithValue("service_tier", lines.Select(l => l.ServiceTier).ToArray());
        p.AddWithValue("team", lines.Select(l => l.Team).ToArray());
        p.AddWithValue("workflow", lines.Select(l => l.Workflow).ToArray());
        p.AddWithValue("environment", lines.Select(l => l.Environment).ToArray());
        p.AddWithValue("cost_centre_tag", lines.Select(l => l.CostCentreTagValue).ToArray());
        p.AddWithValue("run_id", lines.Select(l => l.RunId).ToArray());
        p.AddWithValue("recorded_by", lines.Select(l => l.RecordedBy).ToArray());
        p.AddWithValue("catalogue_keys", lines.Select(l => ArrayLiteral(l.CatalogueKeys)).ToArray());
        p.AddWithValue("tags", lines.Select(l => JsonSerializer.Serialize(l.Tags)).ToArray());
        p.AddWithValue("extra", lines.Select(l => ExtraDimensions(l, extra)).ToArray());
        p.AddWithValue("events", lines.Select(l => l.Events).ToArray());
        p.AddWithValue("unpriced_events", lines.Select(l => l.UnpricedEvents).ToArray());
        p.AddWithValue("input_tokens", lines.Select(l => l.InputTokens).ToArray());
        p.AddWithValue("output_tokens", lines.Select(l => l.OutputTokens).ToArray());
        p.AddWithValue("cache_read_tokens", lines.Select(l => l.CacheReadTokens).ToArray());
        p.AddWithValue("cache_write_tokens", lines.Select(l => l.CacheWriteTokens).ToArray());
        p.AddWithValue("reasoning_tokens", lines.Select(l => l.ReasoningTokens).ToArray());
        p.AddWithValue("list_cost_usd", lines.Select(l => l.ListCostUsd).ToArray());
        p.AddWithValue("effective_cost_usd", lines.Select(l => l.EffectiveCostUsd).ToArray());
        p.AddWithValue("billed_cost_usd", lines.Select(l => l.BilledCostUsd).ToArray());
        p.AddWithValue("reported_events", lines.Select(l => l.ReportedCostUsd is null ? 0L : 1L).ToArray());
        p.AddWithValue("reported_cost_usd", lines.Select(l => l.ReportedCostUsd ?? 0m).ToArray());
        p.AddWithValue("billed_drift_usd", lines.Select(l => l.BilledDriftUsd ?? 0m).ToArray());
        p.AddWithValue("priced", lines.Select(l => l.Priced).ToArray());
        p.Add(new NpgsqlParameter("price_reference", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { Value = lines.Select(l => (object?)l.PriceReference ?? DBNull.Value).ToArray() });
        p.Add(new NpgsqlParameter("discount_reference", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { Value = lines.Select(l => (object?)l.DiscountReference ?? DBNull.Value).ToArray() });
        AddCostByTokenType(p, lines.Select(l => l.ListCostByTokenType).ToList());

        var inserted = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) inserted.Add(reader.GetString(0));
        }
        return inserted.Count == lines.Count ? lines : lines.Where(l => inserted.Contains(l.LineId)).ToList();
    }

    /// <summary>
    /// Adds the lines' sums to the hourly rollup, and those of closed days to the daily and statement rollups (an open
    /// day is summed into them when it closes; see <see cref="LedgerTables"/>).
    /// </summary>
    public async Task AddToRollupsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<LedgerLine> lines, CancellationToken cancellationToken)
    {
        if (lines.Count == 0) return;
        var extra = options.Value.ExtraDimensions;
        var keyed = RollupRows.Keyed(lines, extra);
        var daily = RollupRows.Sum(keyed, RollupRows.Day);
        await UpsertAsync(connection, transaction, LedgerTables.Hourly, RollupRows.Sum(keyed, RollupRows.Hour), cancellationToken);
        // The caller holds the ledger lock, so the closed days cannot change before it commits. No row: every day is closed.
        var closedThrough = await DailyRollupCloser.ClosedThroughAsync(connection, transaction, cancellationToken);
        var closed = closedThrough is { } openFrom ? daily.Where(r => r.Bucket < openFrom).ToList() : daily;
        if (closed.Count == 0) return;
        await UpsertAsync(connection, transaction, LedgerTables.Daily, closed, cancellationToken);
        await UpsertStatementAsync(connection, transaction, RollupRows.StatementRows(closed), cancellationToken);
    }

    /// <summary>
    /// (Re)fills the statement rollup from the daily rollup when their totals differ — a database whose daily rollup
    /// predates the statement rollup (both hold the same days: the closed ones, or all before the first close). Takes
    /// the ledger alone, so no booking is half-way while it compares; with the two in step it changes nothing. Returns
    /// whether it refilled.
    /// </summary>
    public static async Task<bool> FillStatementRollupAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LedgerLock.TakeAloneAsync(connection, transaction, cancellationToken);
        var figures = string.Join(", ", LedgerTables.StatementSums.Select(s => $"sum({s})"));
        await using (var compare = new NpgsqlCommand($"""
            SELECT (SELECT row({figures}) FROM {Schema}.{LedgerTables.Daily})
                IS NOT DISTINCT FROM (SELECT row({figures}) FROM {Schema}.{LedgerTables.Statement})
            """, connection, transaction))
        {
            compare.CommandTimeout = 0;
            if ((bool)(await compare.ExecuteScalarAsync(cancellationToken))!)
            {
                await transaction.CommitAsync(cancellationToken);
                return false;
            }
        }
        var keys = string.Join(", ", LedgerTables.StatementKey);
        var sums = LedgerTables.StatementSums;
        await using (var fill = new NpgsqlCommand($"""
            TRUNCATE {Schema}.{LedgerTables.Statement};
            INSERT INTO {Schema}.{LedgerTables.Statement} (bucket, {keys}, {string.Join(", ", sums)})
            SELECT bucket, {keys}, {string.Join(", ", sums.Select(s => $"sum({s})"))}
            FROM {Schema}.{LedgerTables.Daily}
            GROUP BY bucket, {keys}
            """, connection, transaction))
        {
            fill.CommandTimeout = 0;
            await fill.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static Task UpsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string table,
        IReadOnlyList<RollupRow> rows, CancellationToken cancellationToken) =>
        UpsertAsync(connection, transaction, table, LedgerTables.RollupKey, LedgerTables.RollupSums, rows, cancellationToken);

    private static Task UpsertStatementAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<RollupRow> rows, CancellationToken cancellationToken) =>
        UpsertAsync(connection, transaction, LedgerTables.Statement, LedgerTables.StatementKey, LedgerTables.StatementSums, rows, cancellationToken);

    /// <summary>Adds rows to a rollup table with the given key and summed columns, in key order.</summary>
    private static async Task UpsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string table,
        IReadOnlyList<string> keyColumns, IReadOnlyList<string> sums, IReadOnlyList<RollupRow> rows, CancellationToken cancellationToken)
    {
        var keys = string.Join(", ", keyColumns);
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {Schema}.{table} AS r (bucket, {keys}, {string.Join(", ", sums)})
            SELECT u.bucket, {string.Join(", ", keyColumns.Select(k => k == "extra" ? "u.extra::jsonb" : "u." + k))}, {string.Join(", ", sums.Select(s => "u." + s))}
            FROM unnest(@bucket, {string.Join(", ", keyColumns.Select(k => "@" + k))}, {string.Join(", ", sums.Select(s => "@" + s))})
              AS u(bucket, {keys}, {string.Join(", ", sums)})
            ORDER BY 1, {string.Join(", ", Enumerable.Range(2, keyColumns.Count))}
            ON CONFLICT (bucket, {keys}) DO UPDATE SET {string.Join(", ", sums.Select(s => $"{s} = r.{s} + excluded.{s}"))}
            """, connection, transaction);
        command.Parameters.AddWithValue("bucket", rows.Select(r => r.Bucket.UtcDateTime).ToArray());
        foreach (var column in keyColumns.Concat(sums)) command.Parameters.AddWithValue(column, RollupColumn(column, rows));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>One rollup column's values, a row each: the array parameter the upsert unnests.</summary>
    private static object RollupColumn(string column, IReadOnlyList<RollupRow> rows) => column switch
    {
        "billing_period" => rows.Select(r => r.Key.BillingPeriod).ToArray(),
        "charge_class" => rows.Select(r => r.Key.ChargeClass).ToArray(),
        "team" => rows.Select(r => r.Key.Team).ToArray(),
        "workflow" => rows.Select(r => r.Key.Workflow).ToArray(),
        "environment" => rows.Select(r => r.Key.Environment).ToArray(),
        "provider" => rows.Select(r => r.Key.Provider).ToArray(),
        "model" => rows.Select(r => r.Key.Model).ToArray(),
        "service_tier" => rows.Select(r => r.Key.ServiceTier).ToArray(),
        "cost_centre_tag" => rows.Select(r => r.Key.CostCentreTag).ToArray(),
        "extra" => rows.Select(r => r.Key.Extra).ToArray(),
        "events" => rows.Select(r => r.Sums.Events).ToArray(),
        "unpriced_events" => rows.Select(r => r.Sums.UnpricedEvents).ToArray(),
        "input_tokens" => rows.Select(r => r.Sums.InputTokens).ToArray(),
        "output_tokens" => rows.Select(r => r.Sums.OutputTokens).ToArray(),
        "cache_read_tokens" => rows.Select(r => r.Sums.CacheReadTokens).ToArray(),
        "cache_write_tokens" => rows.Select(r => r.Sums.CacheWriteTokens).ToArray(),
        "reasoning_tokens" => rows.Select(r => r.Sums.ReasoningTokens).ToArray(),
        "list_cost_usd" => rows.Select(r => r.Sums.ListCostUsd).ToArray(),
        "effective_cost_usd" => rows.Select(r => r.Sums.EffectiveCostUsd).ToArray(),
        "billed_cost_usd" => rows.Select(r => r.Sums.BilledCostUsd).ToArray(),
        "reported_events" => rows.Select(r => r.Sums.ReportedEvents).ToArray(),
        "reported_cost_usd" => rows.Select(r => r.Sums.ReportedCostUsd).ToArray(),
        "billed_drift_usd" => rows.Select(r => r.Sums.BilledDriftUsd).ToArray(),
        "list_uncached_input_cost_usd" => rows.Select(r => r.Sums.ListCostByTokenType.UncachedInput).ToArray(),
        "list_cache_read_cost_usd" => rows.Select(r => r.Sums.ListCostByTokenType.CacheRead).ToArray(),
        "list_cache_write_cost_usd" => rows.Select(r => r.Sums.ListCostByTokenType.CacheWrite).ToArray(),
        "list_output_cost_usd" => rows.Select(r => r.Sums.ListCostByTokenType.Output).ToArray(),
        "list_reasoning_cost_usd" => rows.Select(r => r.Sums.ListCostByTokenType.Reasoning).ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, "not a rollup column"),
    };

    private static void AddCostByTokenType(NpgsqlParameterCollection p, IReadOnlyList<CostByTokenType> costs)
    {
        p.AddWithValue("list_uncached_input_cost_usd", costs.Select(c => c.UncachedInput).ToArray());
        p.AddWithValue("list_cache_read_cost_usd", costs.Select(c => c.CacheRead).ToArray());
        p.AddWithValue("list_cache_write_cost_usd", costs.Select(c => c.CacheWrite).ToArray());
        p.AddWithValue("list_output_cost_usd", costs.Select(c => c.Output).ToArray());
        p.AddWithValue("list_reasoning_cost_usd", costs.Select(c => c.Reasoning).ToArray());
    }

    /// <summary>
    /// A text array as PostgreSQL's literal (<c>{"a","b"}</c>, every element quoted and escaped, so any text reads back
    /// as written): the one array per line that an array parameter cannot carry, cast in SQL more cheaply than JSON.
    /// </summary>
    public static string ArrayLiteral(IReadOnlyList<string> values)
    {
        var literal = new StringBuilder("{");
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0) literal.Append(',');
            literal.Append('"');
            foreach (var c in values[i])
            {
                if (c is '"' or '\\') literal.Append('\\');
                literal.Append(c);
            }
            literal.Append('"');
        }
        return literal.Append('}').ToString();
    }

    /// <summary>The configured extra dimensions of a line as canonical JSON (sorted keys; absent tags left out).</summary>
    public static string ExtraDimensions(LedgerLine line, IReadOnlyList<string> keys) => keys.Count == 0
        ? NoExtraDimensions
        : JsonSerializer.Serialize(new SortedDictionary<string, string>(
            keys.Where(line.Tags.ContainsKey).ToDictionary(k => k, k => line.Tags[k], StringComparer.Ordinal), StringComparer.Ordinal));
}
