using Weasel.Postgresql;

using Weasel.Postgresql.Tables;

namespace AiFinOps.Allocation.Ledger;

/// <summary>
/// The ledger's read tables, created and migrated by Marten with the event store. <c>ledger_lines</c> holds one row
/// per ledger line (its primary key is what makes booking exactly-once); <c>spend_hourly</c> and <c>spend_daily</c>
/// are the rollups every spend query reads (UTC buckets), so no query scans raw usage; <c>spend_statement_daily</c>
/// is the daily rollup at the chargeback statement's grain (no service tier, only the figures a statement shows), so a
/// statement reads each row it allocates once and sums nothing in SQL.
/// <para>
/// The two daily rollups hold only <em>closed</em> days, the days before <c>spend_days_closed.closed_through</c>; the
/// open days (today, and yesterday for a few minutes) are read from <c>spend_hourly</c>. A day is closed once, after
/// it ends, by summing its hourly rows (see <see cref="ClosingDays.DailyRollupCloser"/>), so a busy day's rows are not
/// rewritten by every booking batch and the tables stay as compact as their rows; only late usage of a closed day adds
/// to them. Without a <c>closed_through</c> row (before the first close) every day is in the daily rollups.
/// </para>
/// </summary>
public static class LedgerTables
{
    public const string Lines = "ledger_lines";
    public const string Hourly = "spend_hourly";
    public const string Daily = "spend_daily";
    public const string Statement = "spend_statement_daily";
    public const string DaysClosed = "spend_days_closed";

    /// <summary>SQL: the first day <c>spend_daily</c> does not hold — every day before it is closed (infinity before the first close).</summary>
    public static string ClosedThrough(string schema) =>
        $"coalesce((SELECT closed_through FROM {schema}.{DaysClosed}), 'infinity'::timestamptz)";

    /// <summary>
    /// SQL row source (to alias) with <c>spend_daily</c>'s columns for every day: the daily rollup's rows of the days
    /// before the parameter <c>@closed_through</c>, and the hourly rows from it on summed per UTC day. For readers that take
    /// whole days (FOCUS, the periods with spend), which bind <c>@closed_through</c> with <see
    /// cref="ClosingDays.ClosedDays.AddClosedThroughAsync"/>: a value the planner sees (a subquery here made it scan the
    /// whole hourly rollup), and any day up to the real first open day gives the same sums, as late usage of a closed day is
    /// in both rollups.
    /// </summary>
    public static string EveryDay(string schema) => EveryDay(schema, Daily, RollupKey, RollupSums);

    /// <summary>As <see cref="EveryDay(string)"/> at the statement's grain: <c>spend_statement_daily</c>'s columns for every day.</summary>
    public static string EveryStatementDay(string schema) => EveryDay(schema, Statement, StatementKey, StatementSums);

    private static string EveryDay(string schema, string table, IReadOnlyList<string> keys, IReadOnlyList<string> sums)
    {
        var key = string.Join(", ", keys);
        return $"""
            (SELECT bucket, {key}, {string.Join(", ", sums)} FROM {schema}.{table} WHERE bucket < @closed_through
             UNION ALL
             SELECT date_trunc('day', bucket, 'UTC'), {key}, {Summed(sums)}
             FROM {schema}.{Hourly} WHERE bucket >= @closed_through
             GROUP BY 1, {key})
            """;
    }

    /// <summary>A line missing a tag (data quality reads only these, through the partial index of the same predicate).</summary>
    public const string UntaggedPredicate =
        $"(team = '{Contracts.Messages.UsageDimensions.Untagged}' OR workflow = '{Contracts.Messages.UsageDimensions.Untagged}' OR environment = '{Contracts.Messages.UsageDimensions.Untagged}')";

    /// <summary>A usage line booked without a price (the unpriced listing starts from these).</summary>
    public const string UnpricedPredicate = "(unpriced_events > 0)";

    /// <summary>A re-pricing line (its id is <c>{event id}#r{run}</c>; a usage line's id is its event id).</summary>
    public const string RepricingPredicate = $"(kind = '{LineKinds.Repricing}')";

    /// <summary>
    /// Every line of the call whose event id is the SQL expression <paramref name="eventId"/> (a row source, to alias): its
    /// usage line by primary key and its re-pricing lines by their partial index. An index on <c>event_id</c> over all
    /// lines would repeat the primary key for every usage line — one more index entry to write per call booked.
    /// </summary>
    public static string LinesOfCall(string schema, string eventId) =>
        $"(SELECT * FROM {schema}.{Lines} WHERE line_id = {eventId} " +
        $"UNION ALL SELECT * FROM {schema}.{Lines} WHERE {RepricingPredicate} AND event_id = {eventId})";

    /// <summary>The rollup key columns besides the bucket, in primary-key order.</summary>
    public static readonly IReadOnlyList<string> RollupKey =
        ["billing_period", "charge_class", "team", "workflow", "environment", "provider", "model", "service_tier", "cost_centre_tag", "extra"];

    /// <summary>The statement rollup's key columns besides the bucket: the daily key without the service tier.</summary>
    public static readonly IReadOnlyList<string> StatementKey = [.. RollupKey.Where(k => k != "service_tier")];

    /// <summary>The summed columns of a statement rollup row: the figures of a chargeback line.</summary>
    public static readonly IReadOnlyList<string> StatementSums =
        ["list_cost_usd", "effective_cost_usd", "billed_cost_usd", "events", "unpriced_events", "input_tokens", "output_tokens",
         "cache_read_tokens", "cache_write_tokens", "reasoning_tokens"];

    /// <summary>The list cost by kind of token (sums to <c>list_cost_usd</c> where the split is known; see <see cref="CostByTokenType"/>).</summary>
    public static readonly IReadOnlyList<string> ListCostByTokenType =
        ["list_uncached_input_cost_usd", "list_cache_read_cost_usd", "list_cache_write_cost_usd", "list_output_cost_usd", "list_reasoning_cost_usd"];

    /// <summary>SQL: each of <see cref="RollupSums"/> summed, with its column's type, in order.</summary>
    public static string SummedRollupSums => Summed(RollupSums);

    /// <summary>SQL: each of the summed columns <paramref name="sums"/> summed, with its column's type, in order.</summary>
    public static string Summed(IEnumerable<string> sums) =>
        string.Join(", ", sums.Select(c => $"sum({c})::{(c.EndsWith("_usd", StringComparison.Ordinal) ? "numeric" : "bigint")}"));

    /// <summary>The summed columns of a rollup row.</summary>
    public static readonly IReadOnlyList<string> RollupSums =
        ["events", "unpriced_events", "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "reasoning_tokens",
         "list_cost_usd", "effective_cost_usd", "billed_cost_usd", "reported_events", "reported_cost_usd", "billed_drift_usd",
         .. ListCostByTokenType];

    public static IEnumerable<Table> All(string schema) =>
        [LinesTable(schema), Rollup(schema, Hourly), Rollup(schema, Daily), Rollup(schema, Statement, StatementKey, StatementSums), DaysClosedTable(schema)];

    /// <summary>One row (id 1) once the first day is closed: <c>closed_through</c>, the start of the first open UTC day.</summary>
    private static Table DaysClosedTable(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, DaysClosed, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<int>("id").AsPrimaryKey();
        table.AddColumn("closed_through", "timestamptz").NotNull();
        return table;
    }

    private static Table LinesTable(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, Lines, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("line_id").AsPrimaryKey();
        table.AddColumn<string>("event_id").NotNull();
        table.AddColumn<string>("kind").NotNull();
        table.AddColumn<string>("billing_period").NotNull();
        table.AddColumn<string>("charge_class").NotNull();
        table.AddColumn("occurred_at", "timestamptz").NotNull();
        table.AddColumn("booked_at", "timestamptz").NotNull();
        foreach (var text in new[] { "provider", "model", "service_tier", "team", "workflow", "environment", "cost_centre_tag", "run_id", "recorded_by" })
            table.AddColumn<string>(text).NotNull();
        table.AddColumn("catalogue_keys", "text[]").NotNull();
        table.AddColumn("tags", "jsonb").NotNull();
        table.AddColumn("extra", "jsonb").NotNull();
        AddSums(table, RollupSums);
        table.AddColumn<bool>("priced").NotNull();
        table.AddColumn<string>("price_reference");
        table.AddColumn<string>("discount_reference");
        table.Indexes.Add(new IndexDefinition($"ix_{Lines}_occurred_at") { Columns = ["occurred_at"] });
        // A usage line's id is its event id, so the primary key finds it; only re-pricing lines need an event-id index.
        table.Indexes.Add(new IndexDefinition($"ix_{Lines}_repricing_event_id") { Columns = ["event_id"], Predicate = RepricingPredicate });
        table.Indexes.Add(new IndexDefinition($"ix_{Lines}_untagged") { Columns = ["occurred_at"], Predicate = UntaggedPredicate });
        table.Indexes.Add(new IndexDefinition($"ix_{Lines}_unpriced") { Columns = ["occurred_at"], Predicate = UnpricedPredicate });
        // Corrections are few and charged in a later period than their usage: the run-detail FOCUS export finds them here.
        table.Indexes.Add(new IndexDefinition($"ix_{Lines}_corrections") { Columns = ["billing_period"], Predicate = $"(charge_class = '{ChargeClasses.Correction}')" });
        return table;
    }

    private static Table Rollup(string schema, string name) => Rollup(schema, name, RollupKey, RollupSums);

    private static Table Rollup(string schema, string name, IReadOnlyList<string> keys, IReadOnlyList<string> sums)
    {
        var table = new Table(new PostgresqlObjectName(schema, name, SchemaUtils.IdentifierUsage.General));
        table.AddColumn("bucket", "timestamptz").AsPrimaryKey();
        foreach (var key in keys) table.AddColumn(key, key == "extra" ? "jsonb" : "text").AsPrimaryKey();
        AddSums(table, sums);
        table.Indexes.Add(new IndexDefinition($"ix_{name}_billing_period") { Columns = ["billing_period"] });
        return table;
    }

    private static void AddSums(Table table, IReadOnlyList<string> sums)
    {
        foreach (var sum in sums)
        {
            var column = table.AddColumn(sum, sum.EndsWith("_usd", StringComparison.Ordinal) ? "numeric" : "bigint");
            column.NotNull().DefaultValueByExpression("0");
        }
    }
}
