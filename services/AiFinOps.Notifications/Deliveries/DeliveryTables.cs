using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace AiFinOps.Notifications.Deliveries;

/// <summary>
/// The delivery log, created and migrated by Marten with the event store. <c>deliveries</c> holds one row per alert ×
/// target (its deterministic primary key is what makes routing exactly-once) with the alert as it arrived, its status
/// and the worker's claim; <c>delivery_attempts</c> one row per attempt, never changed.
/// </summary>
public static class DeliveryTables
{
    public const string Deliveries = "deliveries";
    public const string Attempts = "delivery_attempts";

    public static IEnumerable<Table> All(string schema) => [DeliveryTable(schema), AttemptTable(schema)];

    private static Table DeliveryTable(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, Deliveries, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<Guid>("id").AsPrimaryKey();
        table.AddColumn<Guid>("alert_id").NotNull();
        table.AddColumn<string>("target").NotNull();
        table.AddColumn<string>("channel").NotNull();
        table.AddColumn<string>("subscription_id");
        table.AddColumn<string>("team");
        table.AddColumn<string>("alert_kind").NotNull();
        table.AddColumn("alert", "jsonb").NotNull();
        table.AddColumn<string>("status").NotNull();
        table.AddColumn<int>("attempts").NotNull().DefaultValueByExpression("0");
        // Attempts made before the last manual retry: each retry gets the whole schedule again.
        table.AddColumn<int>("round_start").NotNull().DefaultValueByExpression("0");
        table.AddColumn("next_attempt_at", "timestamptz");
        table.AddColumn("created_at", "timestamptz").NotNull();
        table.AddColumn("updated_at", "timestamptz").NotNull();
        table.AddColumn("delivered_at", "timestamptz");
        table.AddColumn<string>("last_error");
        table.AddColumn<int>("last_http_status");
        table.AddColumn<Guid>("claim");
        table.AddColumn("claimed_until", "timestamptz");
        table.Indexes.Add(new IndexDefinition($"ix_{Deliveries}_due") { Columns = ["status", "next_attempt_at"] });
        table.Indexes.Add(new IndexDefinition($"ix_{Deliveries}_created_at") { Columns = ["created_at"] });
        table.Indexes.Add(new IndexDefinition($"ix_{Deliveries}_alert_id") { Columns = ["alert_id"] });
        table.Indexes.Add(new IndexDefinition($"ix_{Deliveries}_subscription_id") { Columns = ["subscription_id", "created_at"] });
        return table;
    }

    private static Table AttemptTable(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, Attempts, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<Guid>("delivery_id").AsPrimaryKey();
        table.AddColumn<int>("attempt").AsPrimaryKey();
        table.AddColumn("attempted_at", "timestamptz").NotNull();
        table.AddColumn<string>("outcome").NotNull();
        table.AddColumn<int>("http_status");
        table.AddColumn<string>("error");
        table.AddColumn<long>("duration_ms").NotNull();
        return table;
    }
}
