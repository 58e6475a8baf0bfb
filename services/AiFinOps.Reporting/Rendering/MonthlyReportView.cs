using System.Globalization;
using AiFinOps.Reporting.Monthly;
using AiFinOps.Reporting.Storing;

namespace AiFinOps.Reporting.Rendering;

/// <summary>Pure: a monthly report as headline figures, charts and tables.</summary>
public static class MonthlyReportView
{
    private static readonly string[] BreakdownColumns = ["name", "cost_usd", "share_percent", "previous_cost_usd", "change_usd", "change_percent", "events"];

    public static ReportView Of(StoredReport stored, MonthlyReport r) => new(
        $"Monthly AI cost report {r.Period}",
        $"{r.From:yyyy-MM-dd} to {r.To.AddDays(-1):yyyy-MM-dd} (UTC), effective cost in USD · version {stored.Version}, generated {stored.GeneratedAt:yyyy-MM-dd HH:mm} UTC",
        [
            ("Total spend", Html.Usd(r.Total.CostUsd)),
            ($"Change on {r.PreviousPeriod}", r.Total.ChangePercent is { } p ? $"{Html.Signed(r.Total.ChangeUsd)} ({p.ToString("+0.##;-0.##;0", CultureInfo.InvariantCulture)} %)" : Html.Signed(r.Total.ChangeUsd)),
            ("Calls", r.Total.Events.ToString("N0", CultureInfo.InvariantCulture)),
            ("Tag coverage of spend", r.DataQuality.AllThreeSpendPercent is { } c ? $"{c.ToString("0.##", CultureInfo.InvariantCulture)} %" : "n/a"),
        ],
        [
            new("Spend per day", true, r.Daily.Select(d => (d.Day[5..], d.CostUsd)).ToList()),
            new("Spend by workflow", false, Top(r.ByWorkflow)),
            new("Spend by team", false, Top(r.ByTeam)),
            new("Spend by model", false, Top(r.ByModel)),
        ],
        Tables(r));

    public static IReadOnlyList<ReportTable> Tables(MonthlyReport r) =>
    [
        new("summary", "Summary", ["metric", "value"],
        [
            ["period", r.Period], ["cost_usd", r.Total.CostUsd], ["previous_period", r.PreviousPeriod], ["previous_cost_usd", r.Total.PreviousCostUsd],
            ["change_usd", r.Total.ChangeUsd], ["change_percent", r.Total.ChangePercent], ["events", r.Total.Events], ["previous_events", r.Total.PreviousEvents],
        ]),
        Breakdown("by-cost-centre", "By cost centre (chargeback statement)", r.ByCostCentre),
        Breakdown("by-team", "By team", r.ByTeam),
        Breakdown("by-workflow", "By workflow", r.ByWorkflow),
        Breakdown("by-model", "By model", r.ByModel),
        Breakdown("by-environment", "By environment", r.ByEnvironment),
        new("top-movers", "Top movers against the month before", ["dimension", "name", "previous_cost_usd", "cost_usd", "change_usd", "change_percent"],
            r.TopMovers.Select(m => Row(m.Dimension, m.Name, m.PreviousCostUsd, m.CostUsd, m.ChangeUsd, m.ChangePercent)).ToList()),
        new("unit-economics", "Unit economics", ["workflow", "unit", "units", "cost_usd", "cost_per_unit_usd", "change_percent"],
            r.UnitEconomics.Select(u => Row(u.Workflow, u.Unit, u.Units, u.CostUsd, u.CostPerUnitUsd, u.ChangePercent)).ToList()),
        new("unit-cost-trend", "Unit cost trend", ["workflow", "unit", "month", "cost_usd", "units", "cost_per_unit_usd"],
            r.UnitEconomics.SelectMany(u => u.Trend.Select(t => Row(u.Workflow, u.Unit, t.Month, t.CostUsd, t.Units, t.CostPerUnitUsd))).ToList()),
        new("workflows-without-outcomes", "Workflows that spent without recording outcomes", ["workflow"],
            r.WorkflowsWithoutOutcomes.Select(w => Row(w)).ToList()),
        new("budgets", "Budget status", ["budget_id", "name", "scope", "period", "amount_usd", "spent_usd", "percent_used", "thresholds_crossed"],
            r.Budgets.Select(b => Row(b.BudgetId, b.Name, b.Scope, b.Period, b.AmountUsd, b.SpentUsd, b.PercentUsed, string.Join(" ", b.ThresholdsCrossed.Select(t => $"{t}%")))).ToList()),
        new("anomalies", "Anomalies of the month", ["opened_at", "kind", "workflow", "team", "severity", "status", "title"],
            r.Anomalies.Select(a => Row(a.OpenedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), a.Kind, a.Workflow, a.Team, a.Severity, a.Status, a.Title)).ToList()),
        new("data-quality", "Tag coverage and unpriced spend", ["metric", "value"],
        [
            ["team_spend_percent", r.DataQuality.TeamSpendPercent], ["workflow_spend_percent", r.DataQuality.WorkflowSpendPercent],
            ["environment_spend_percent", r.DataQuality.EnvironmentSpendPercent], ["all_three_spend_percent", r.DataQuality.AllThreeSpendPercent],
            ["events", r.DataQuality.Events], ["unpriced_events", r.DataQuality.UnpricedEvents], ["unpriced_events_percent", r.DataQuality.UnpricedEventsPercent],
        ]),
        new("unpriced-models", "Unpriced calls by model", ["provider", "model", "unpriced_events"],
            r.DataQuality.UnpricedModels.Select(m => Row(m.Provider, m.Model, m.UnpricedEvents)).ToList()),
        new("realised-savings", "Realised savings of review decisions", ["quarter", "workflow", "change", "description", "expected_monthly_saving_usd", "unit",
                "unit_cost_before_usd", "unit_cost_after_usd", "units_this_month", "realised_saving_usd"],
            r.RealisedSavings.Select(s => Row(s.Quarter, s.Workflow, s.Change, s.Description, s.ExpectedMonthlySavingUsd, s.Unit, s.UnitCostBeforeUsd,
                s.UnitCostAfterUsd, s.UnitsThisMonth, s.RealisedSavingUsd)).ToList()),
    ];

    private static ReportTable Breakdown(string name, string title, IReadOnlyList<SpendBreakdown> lines) =>
        new(name, title, BreakdownColumns, lines.Select(l => Row(l.Name, l.CostUsd, l.SharePercent, l.PreviousCostUsd, l.ChangeUsd, l.ChangePercent, l.Events)).ToList());

    private static IReadOnlyList<(string, decimal)> Top(IReadOnlyList<SpendBreakdown> lines) =>
        lines.Where(l => l.CostUsd > 0).Take(10).Select(l => (l.Name, l.CostUsd)).ToList();

    internal static IReadOnlyList<object?> Row(params object?[] cells) => cells;
}
