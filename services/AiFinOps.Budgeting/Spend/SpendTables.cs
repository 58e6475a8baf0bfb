using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace AiFinOps.Budgeting.Spend;

/// <summary>
/// Budgeting's read tables, created and migrated by Marten with the event store. <c>accrued_usage</c> holds one row per
/// usage event, or per re-pricing line (<c>events</c> 0, a cost difference) — its primary key is what makes accrual
/// exactly-once; <c>budget_period_spend</c> is the rollup of those rows per budget × period, whose row lock serialises
/// everything that decides a budget-period's alerts; <see cref="SpendContributors"/> the same spend per workflow and
/// model, for the top contributors an alert names.
/// </summary>
public static class SpendTables
{
    public const string AccruedUsage = "accrued_usage";
    public const string BudgetPeriodSpend = "budget_period_spend";

    public static IEnumerable<Table> All(string schema) => [Usage(schema), PeriodSpend(schema), SpendContributors.Table(schema)];

    private static Table Usage(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, AccruedUsage, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("event_id").AsPrimaryKey();
        table.AddColumn("occurred_at", "timestamptz").NotNull();
        table.AddColumn("accrued_at", "timestamptz").NotNull();
        foreach (var text in new[] { "team", "workflow", "environment" }) table.AddColumn<string>(text).NotNull();
        table.AddColumn("tags", "jsonb").NotNull();
        table.AddColumn<bool>("priced").NotNull();
        table.AddColumn("list_cost_usd", "numeric").NotNull();
        table.AddColumn("effective_cost_usd", "numeric").NotNull();
        table.AddColumn("billed_cost_usd", "numeric");
        table.AddColumn("events", "integer").NotNull().DefaultValueByExpression("1");
        // Added after the first release: the default migrates the rows accrued before.
        table.AddColumn<string>("provider").NotNull().DefaultValueByString("");
        table.AddColumn<string>("model").NotNull().DefaultValueByString("");
        table.Indexes.Add(new IndexDefinition($"ix_{AccruedUsage}_occurred_at") { Columns = ["occurred_at"] });
        table.Indexes.Add(new IndexDefinition($"ix_{AccruedUsage}_team") { Columns = ["team", "occurred_at"] });
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
