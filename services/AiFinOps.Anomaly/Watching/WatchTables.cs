using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace AiFinOps.Anomaly.Watching;

/// <summary>
/// Anomaly's read tables, created and migrated by Marten with the event store, all a projection of the stored events
/// (rebuilt by replaying them). <c>observed_calls</c>: one row per usage event, its primary key is what makes
/// observation exactly-once. <c>workflow_runs</c>: calls folded per team × workflow × run. <c>workflow_hourly</c> and
/// <c>workflow_monthly</c>: the baselines volume, output length and pace are judged against. <c>workflow_watch</c>: one
/// row per workflow whose row lock orders everything that decides about it, with the detections' state and the time
/// before which its runs are closed (<see cref="RunsClosed"/>).
/// </summary>
public static class WatchTables
{
    public const string Calls = "observed_calls";
    public const string Runs = "workflow_runs";
    public const string Hourly = "workflow_hourly";
    public const string Monthly = "workflow_monthly";
    public const string Watch = "workflow_watch";

    /// <summary>
    /// SQL: whether run <paramref name="run"/> (a <c>workflow_runs</c> row) is closed, given its workflow's
    /// <c>workflow_watch</c> row <paramref name="watch"/> (joined, or null): its last call is before the watch's
    /// <c>runs_closed_before</c>.
    /// </summary>
    public static string RunsClosed(string run, string watch) => $"coalesce({run}.last_at < {watch}.runs_closed_before, false)";

    public static IReadOnlyList<string> All => [Calls, Runs, Hourly, Monthly, Watch];

    public static IEnumerable<Table> Tables(string schema) =>
        [CallsTable(schema), RunsTable(schema), HourlyTable(schema), MonthlyTable(schema), WatchTable(schema)];

    private static Table CallsTable(string schema)
    {
        var table = New(schema, Calls);
        table.AddColumn<string>("event_id").AsPrimaryKey();
        table.AddColumn("occurred_at", "timestamptz").NotNull();
        foreach (var text in new[] { "team", "workflow", "run_key" }) table.AddColumn<string>(text).NotNull();
        table.AddColumn("input_tokens", "bigint").NotNull();
        table.AddColumn("output_tokens", "bigint").NotNull();
        table.AddColumn("effective_cost_usd", "numeric").NotNull();
        // What the activity query ranges over. Calls arrive roughly in time order, so a block range index finds a range's
        // pages for a fraction of a B-tree's upkeep (one more tree insert per call).
        table.Indexes.Add(new IndexDefinition($"ix_{Calls}_occurred_at") { Columns = ["occurred_at"], Method = IndexMethod.brin });
        return table;
    }

    private static Table RunsTable(string schema)
    {
        var table = New(schema, Runs);
        foreach (var key in new[] { "workflow", "team", "run_key" }) table.AddColumn<string>(key).AsPrimaryKey();
        AddSums(table, "calls", "input_tokens", "output_tokens", "unpriced_calls");
        table.AddColumn("effective_cost_usd", "numeric").NotNull().DefaultValueByExpression("0");
        table.AddColumn("first_at", "timestamptz").NotNull();
        table.AddColumn("last_at", "timestamptz").NotNull();
        table.AddColumn<bool>("token_spike").NotNull().DefaultValueByExpression("false");
        // Whether a run is closed is not stored here (closing would rewrite every run once more): it is its last call
        // against its workflow's watch row (RunsClosed). A workflow's runs by last call: what the learned baseline reads
        // (the latest closed ones) and what the sweep reads (those the wall clock closes).
        table.Indexes.Add(new IndexDefinition($"ix_{Runs}_last_at") { Columns = ["last_at"] });
        table.Indexes.Add(new IndexDefinition($"ix_{Runs}_workflow_last_at") { Columns = ["workflow", "last_at"] });
        return table;
    }

    private static Table HourlyTable(string schema)
    {
        var table = New(schema, Hourly);
        table.AddColumn<string>("workflow").AsPrimaryKey();
        table.AddColumn("hour", "timestamptz").AsPrimaryKey();
        table.AddColumn<string>("team").AsPrimaryKey();
        AddSums(table, "calls", "runs", "input_tokens", "output_tokens");
        table.AddColumn("effective_cost_usd", "numeric").NotNull().DefaultValueByExpression("0");
        return table;
    }

    private static Table MonthlyTable(string schema)
    {
        var table = New(schema, Monthly);
        table.AddColumn<string>("workflow").AsPrimaryKey();
        table.AddColumn<string>("month").AsPrimaryKey();
        AddSums(table, "calls");
        table.AddColumn("effective_cost_usd", "numeric").NotNull().DefaultValueByExpression("0");
        return table;
    }

    private static Table WatchTable(string schema)
    {
        var table = New(schema, Watch);
        table.AddColumn<string>("workflow").AsPrimaryKey();
        table.AddColumn("first_seen_at", "timestamptz");
        table.AddColumn<string>("unregistered_month");
        table.AddColumn<string>("pace_month");
        table.AddColumn("pace_projected_usd", "numeric");
        table.AddColumn("volume_hour", "timestamptz");
        table.AddColumn<bool>("output_shifted").NotNull().DefaultValueByExpression("false");
        table.AddColumn("runs_closed_before", "timestamptz");
        return table;
    }

    private static Table New(string schema, string name) =>
        new(new PostgresqlObjectName(schema, name, SchemaUtils.IdentifierUsage.General));

    private static void AddSums(Table table, params string[] columns)
    {
        foreach (var column in columns) table.AddColumn(column, "bigint").NotNull().DefaultValueByExpression("0");
    }
}
