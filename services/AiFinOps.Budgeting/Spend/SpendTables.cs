using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace AiFinOps.Budgeting.Spend;

/// <summary>
/// Budgeting's read tables, created and migrated by Marten with the event store. <c>accrued_events</c> holds the key of
/// every usage event (or re-pricing line) accrued — its primary key is what makes accrual exactly-once, and nothing
/// else, so the per-event row is as narrow as it can be; <c>accrued_spend</c> is what those events spent per calendar
/// month and dimensions (team, workflow, environment, provider, model, priced, tags), what a new budget's starting
/// spend and the accrued-spend read are summed from; <c>budget_period_spend</c> is the rollup per budget × period,
/// whose row lock serialises everything that decides a budget-period's alerts; <see cref="SpendContributors"/> the same
/// spend per workflow and model, for the top contributors an alert names.
/// </summary>
public static class SpendTables
{
    public const string AccruedEvents = "accrued_events";
    public const string AccruedSpend = "accrued_spend";
    public const string BudgetPeriodSpend = "budget_period_spend";

    /// <summary>The key of an <c>accrued_spend</c> row, in the order rows are locked in.</summary>
    public static readonly IReadOnlyList<string> AccruedSpendKey =
        ["month", "team", "workflow", "environment", "provider", "model", "priced", "tags_hash"];

    public static IEnumerable<Table> All(string schema) => [Events(schema), Spend(schema), PeriodSpend(schema), SpendContributors.Table(schema)];

    private static Table Events(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, AccruedEvents, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("event_id").AsPrimaryKey();
        return table;
    }

    private static Table Spend(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, AccruedSpend, SchemaUtils.IdentifierUsage.General));
        // The first day of the UTC calendar month the calls occurred in: budget periods are whole months or quarters.
        table.AddColumn("month", "date").AsPrimaryKey();
        foreach (var text in new[] { "team", "workflow", "environment", "provider", "model" }) table.AddColumn<string>(text).AsPrimaryKey();
        table.AddColumn<bool>("priced").AsPrimaryKey();
        // md5 of the tags' jsonb text (keys in jsonb's order): up to 32 tags of 320 characters do not fit a btree key.
        table.AddColumn("tags_hash", "uuid").AsPrimaryKey();
        table.AddColumn("tags", "jsonb").NotNull();
        table.AddColumn("list_cost_usd", "numeric").NotNull();
        table.AddColumn("effective_cost_usd", "numeric").NotNull();
        table.AddColumn("billed_cost_usd", "numeric").NotNull();
        table.AddColumn("events", "bigint").NotNull();
        return table;
    }

    private static Table PeriodSpend(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, BudgetPeriodSpend, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("budget_id").AsPrimaryKey();
        table.AddColumn<string>("period").AsPrimaryKey();
        table.AddColumn("spent_usd", "numeric").NotNull().DefaultValueByExpression("0");
        table.AddColumn("events", "bigint").NotNull().DefaultValueByExpression("0");
        table.AddColumn("updated_at", "timestamptz").NotNull();
        return table;
    }
}
