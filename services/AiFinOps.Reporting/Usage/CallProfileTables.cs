using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace AiFinOps.Reporting.Usage;

/// <summary>
/// Reporting's compact rollups of the per-call facts no other service's API offers, created with the event store:
/// <c>usage_seen</c>, one row per usage event, whose primary key makes the rollup exactly-once;
/// <c>call_profile_daily</c>, per workflow × provider × model × UTC day, the calls, those without
/// <c>max_output_tokens</c>, those with a prompt fingerprint, and the output-length distribution;
/// <c>prompt_repeats</c>, per workflow × day × prompt fingerprint, how many calls sent it (repetition = calls minus
/// distinct fingerprints over any range).
/// </summary>
public static class CallProfileTables
{
    public const string Seen = "usage_seen";
    public const string Daily = "call_profile_daily";
    public const string Repeats = "prompt_repeats";

    /// <summary>Output-length buckets, by their lower bound in tokens.</summary>
    public static readonly IReadOnlyList<long> OutputBuckets = [0, 256, 1024, 4096];

    public static readonly IReadOnlyList<string> OutputColumns = ["output_0", "output_256", "output_1024", "output_4096"];

    public static IEnumerable<Table> Tables(string schema) => [SeenTable(schema), DailyTable(schema), RepeatsTable(schema)];

    private static Table SeenTable(string schema)
    {
        var table = New(schema, Seen);
        table.AddColumn<string>("event_id").AsPrimaryKey();
        return table;
    }

    private static Table DailyTable(string schema)
    {
        var table = New(schema, Daily);
        foreach (var key in new[] { "workflow", "provider", "model" }) table.AddColumn<string>(key).AsPrimaryKey();
        table.AddColumn("day", "date").AsPrimaryKey();
        foreach (var sum in new[] { "calls", "calls_without_output_limit", "calls_with_fingerprint" }.Concat(OutputColumns))
            table.AddColumn(sum, "bigint").NotNull().DefaultValueByExpression("0");
        table.Indexes.Add(new IndexDefinition($"ix_{Daily}_day") { Columns = ["day"] });
        return table;
    }

    private static Table RepeatsTable(string schema)
    {
        var table = New(schema, Repeats);
        table.AddColumn<string>("workflow").AsPrimaryKey();
        table.AddColumn("day", "date").AsPrimaryKey();
        table.AddColumn<string>("fingerprint").AsPrimaryKey();
        table.AddColumn("calls", "bigint").NotNull().DefaultValueByExpression("0");
        table.Indexes.Add(new IndexDefinition($"ix_{Repeats}_day") { Columns = ["day"] });
        return table;
    }

    private static Table New(string schema, string name) =>
        new(new PostgresqlObjectName(schema, name, SchemaUtils.IdentifierUsage.General));
}
