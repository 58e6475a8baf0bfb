using AiFinOps.Reporting.Monthly;
using AiFinOps.Reporting.Outcomes.GettingOutcomes;
using AiFinOps.Reporting.Periods;
using AiFinOps.Reporting.Reviews;
using AiFinOps.Reporting.Sources;
using AiFinOps.Reporting.Storing;
using static AiFinOps.Reporting.Tests.Reports.Rows;

namespace AiFinOps.Reporting.Tests.Reports;

public sealed class MonthlyReportingTests
{
    private static readonly ReportPeriod October = ReportPeriod.Month(2026, 10);

    private static MonthlyInputs Inputs(IReadOnlyList<SpendRow> spend, IReadOnlyList<SpendRow>? previous = null, IReadOnlyList<SpendRow>? trend = null,
        IReadOnlyList<MonthlyOutcome>? outcomes = null, IReadOnlyList<DecisionBaseline>? decisions = null) =>
        new(October, spend, previous ?? [], [], trend ?? [], [new CostCentreCharge("CC-1", spend.Sum(r => r.EffectiveCostUsd), 1)], [], outcomes ?? [],
            Quality(), [], [], decisions ?? []);

    [Fact]
    public void Totals_and_every_breakdown_sum_to_the_spend_rows()
    {
        var report = MonthlyReporting.Compute(Inputs(
            [Spend(10m, team: "search", workflow: "triage"), Spend(2.5m, team: "growth", workflow: "triage", model: "gpt-4o-mini"), Spend(0.25m, team: "growth", workflow: "emails", environment: "dev")],
            previous: [Spend(5m, team: "search", workflow: "triage")]));

        Assert.Equal(12.75m, report.Total.CostUsd);
        Assert.Equal(7.75m, report.Total.ChangeUsd);
        Assert.Equal(155m, report.Total.ChangePercent);
        Assert.All(new[] { report.ByTeam, report.ByWorkflow, report.ByModel, report.ByEnvironment, report.ByCostCentre },
            lines => Assert.Equal(12.75m, lines.Sum(l => l.CostUsd)));
        Assert.Equal([("triage", 12.5m), ("emails", 0.25m)], report.ByWorkflow.Select(w => (w.Name, w.CostUsd)));
        Assert.Equal(["openai/gpt-4o", "openai/gpt-4o-mini"], report.ByModel.Select(m => m.Name));
    }

    [Fact]
    public void A_name_that_spent_only_the_month_before_shows_with_zero_and_moves_most()
    {
        var report = MonthlyReporting.Compute(Inputs([Spend(1m, workflow: "new")], previous: [Spend(9m, workflow: "gone")]));

        var gone = Assert.Single(report.ByWorkflow, w => w.Name == "gone");
        Assert.Equal((0m, 9m, -9m, -100m), (gone.CostUsd, gone.PreviousCostUsd, gone.ChangeUsd, gone.ChangePercent));
        Assert.Equal(("workflow", "gone", -9m), (report.TopMovers[0].Dimension, report.TopMovers[0].Name, report.TopMovers[0].ChangeUsd));
    }

    [Fact]
    public void Unit_cost_is_the_workflows_cost_over_its_units_with_the_trend_and_its_change()
    {
        var trend = new[] { Spend(300m, period: "2026-09-01"), Spend(450m, period: "2026-10-01") };
        var outcomes = new[] { new MonthlyOutcome("triage", "query", "2026-09", 3000), new MonthlyOutcome("triage", "query", "2026-10", 5000) };

        var unit = Assert.Single(MonthlyReporting.Compute(Inputs([Spend(450m)], trend: trend, outcomes: outcomes)).UnitEconomics);

        Assert.Equal(0.09m, unit.CostPerUnitUsd);
        Assert.Equal([0.1m, 0.09m], unit.Trend.Select(t => t.CostPerUnitUsd));
        Assert.Equal(-10m, unit.ChangePercent);
    }

    [Fact]
    public void A_workflow_that_spent_without_outcomes_is_listed()
    {
        var report = MonthlyReporting.Compute(Inputs([Spend(5m, workflow: "triage"), Spend(3m, workflow: "silent")],
            outcomes: [new MonthlyOutcome("triage", "ticket", "2026-10", 10)]));

        Assert.Equal(["silent"], report.WorkflowsWithoutOutcomes);
    }

    [Fact]
    public void A_decision_shows_its_realised_saving_as_unit_cost_before_against_after()
    {
        var decision = new ReviewDecisionRecorded(Guid.NewGuid(), "2026-Q3", "triage", ReviewChanges.ModelSwitch, "to mini", 100m,
            new DateTimeOffset(2026, 10, 2, 0, 0, 0, TimeSpan.Zero), "finance");
        var baseline = new DecisionBaseline(decision, 900m, 3000, [new MonthlyOutcome("triage", "ticket", "2026-08", 9000)]);

        var saving = Assert.Single(MonthlyReporting.Compute(Inputs([Spend(150m)], outcomes: [new MonthlyOutcome("triage", "ticket", "2026-10", 3000)],
            decisions: [baseline])).RealisedSavings);

        Assert.Equal(("ticket", 0.1m, 0.05m, 150m), (saving.Unit, saving.UnitCostBeforeUsd, saving.UnitCostAfterUsd, saving.RealisedSavingUsd));
    }

    [Fact]
    public void Without_outcomes_a_decision_is_judged_per_call()
    {
        var decision = new ReviewDecisionRecorded(Guid.NewGuid(), "2026-Q3", "triage", ReviewChanges.OutputLimit, "", 10m,
            new DateTimeOffset(2026, 10, 2, 0, 0, 0, TimeSpan.Zero), "finance");

        var saving = Assert.Single(MonthlyReporting.Compute(Inputs([Spend(20m, events: 1000)], decisions: [new DecisionBaseline(decision, 90m, 3000, [])])).RealisedSavings);

        Assert.Equal(("call", 0.03m, 0.02m, 10m), (saving.Unit, saving.UnitCostBeforeUsd, saving.UnitCostAfterUsd, saving.RealisedSavingUsd));
    }

    [Fact]
    public void The_same_inputs_hash_to_the_same_content_and_different_ones_do_not()
    {
        var inputs = Inputs([Spend(10m), Spend(2m, team: "growth")]);

        Assert.Equal(ReportContent.Hash(MonthlyReporting.Compute(inputs)), ReportContent.Hash(MonthlyReporting.Compute(inputs with { Spend = [.. inputs.Spend.Reverse()] })));
        Assert.NotEqual(ReportContent.Hash(MonthlyReporting.Compute(inputs)), ReportContent.Hash(MonthlyReporting.Compute(Inputs([Spend(10m), Spend(2.01m, team: "growth")]))));
    }

    [Fact]
    public void Every_day_of_the_month_is_charted_those_without_spend_at_zero()
    {
        var daily = MonthlyReporting.Daily(October, [Spend(2m, period: "2026-10-03", environment: "prod"), Spend(1m, period: "2026-10-03", environment: "dev")]);

        Assert.Equal(31, daily.Count);
        Assert.Equal(("2026-10-01", 0m), (daily[0].Day, daily[0].CostUsd));
        Assert.Equal(3m, daily.Single(d => d.Day == "2026-10-03").CostUsd);
    }
}
