using AiFinOps.Reporting.Outcomes.GettingOutcomes;
using AiFinOps.Reporting.Periods;
using AiFinOps.Reporting.Sources;

namespace AiFinOps.Reporting.Monthly;

/// <summary>Pure: the monthly report from its fetched inputs. No clock, no I/O: the same inputs give the same report.</summary>
public static class MonthlyReporting
{
    public const int TopMovers = 5;

    public static MonthlyReport Compute(MonthlyInputs inputs)
    {
        var month = inputs.Month;
        var (now, before) = (inputs.Spend, inputs.PreviousSpend);
        var total = new SpendChange(now.Sum(r => r.EffectiveCostUsd), before.Sum(r => r.EffectiveCostUsd),
            now.Sum(r => r.EffectiveCostUsd) - before.Sum(r => r.EffectiveCostUsd),
            Breakdowns.Change(now.Sum(r => r.EffectiveCostUsd), before.Sum(r => r.EffectiveCostUsd)), now.Sum(r => r.Events), before.Sum(r => r.Events));
        var byWorkflow = Breakdowns.By(now, before, r => r["workflow"]);
        var byTeam = Breakdowns.By(now, before, r => r["team"]);
        var byModel = Breakdowns.By(now, before, r => r.ModelKey);

        var unitEconomics = UnitEconomics(month, inputs.WorkflowTrend, inputs.Outcomes);
        var delivering = inputs.Outcomes.Where(o => o.Month == month.Key && o.Quantity > 0).Select(o => o.Workflow).ToHashSet(StringComparer.Ordinal);

        return new MonthlyReport(
            month.Key, month.From, month.To, month.Previous.Key, total,
            Breakdowns.Of(inputs.CostCentres.Select(c => (c.CostCentre, c.EffectiveCostUsd, c.Events)),
                inputs.PreviousCostCentres.GroupBy(c => c.CostCentre).ToDictionary(g => g.Key, g => g.Sum(c => c.EffectiveCostUsd))),
            byTeam, byWorkflow, byModel,
            Breakdowns.By(now, before, r => r["environment"]),
            Daily(month, inputs.DailySpend),
            unitEconomics,
            byWorkflow.Where(w => w.CostUsd > 0 && !delivering.Contains(w.Name)).Select(w => w.Name).ToList(),
            inputs.Budgets.OrderBy(b => b.BudgetId, StringComparer.Ordinal).ToList(),
            inputs.Anomalies.OrderBy(a => a.OpenedAt).ThenBy(a => a.Id).ToList(),
            inputs.DataQuality,
            Movers(("workflow", byWorkflow), ("team", byTeam), ("model", byModel)),
            RealisedSavings(month, now, inputs.Decisions, inputs.Outcomes));
    }

    /// <summary>Every day of the month, those without spend at zero.</summary>
    public static IReadOnlyList<DailyCost> Daily(ReportPeriod month, IReadOnlyList<SpendRow> daily)
    {
        var costs = daily.GroupBy(r => r.Period ?? "").ToDictionary(g => g.Key, g => g.Sum(r => r.EffectiveCostUsd));
        return Enumerable.Range(0, (int)(month.To - month.From).TotalDays)
            .Select(d => month.From.AddDays(d).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            .Select(day => new DailyCost(day, costs.GetValueOrDefault(day)))
            .ToList();
    }

    /// <summary>Cost per unit for each workflow and unit delivered in the month, with the trend over the months fetched.</summary>
    public static IReadOnlyList<UnitCost> UnitEconomics(ReportPeriod month, IReadOnlyList<SpendRow> workflowMonths, IReadOnlyList<MonthlyOutcome> outcomes)
    {
        var costs = workflowMonths.GroupBy(r => (Workflow: r["workflow"], Month: MonthOf(r.Period)))
            .ToDictionary(g => g.Key, g => g.Sum(r => r.EffectiveCostUsd));
        var months = outcomes.Select(o => o.Month).Concat(costs.Keys.Select(k => k.Month)).Where(m => string.CompareOrdinal(m, month.Key) <= 0)
            .Distinct().Order(StringComparer.Ordinal).ToList();
        return outcomes.Where(o => o.Month == month.Key && o.Quantity > 0)
            .Select(o =>
            {
                var trend = months.Select(m =>
                {
                    var cost = costs.GetValueOrDefault((o.Workflow, m));
                    var units = outcomes.Where(x => x.Workflow == o.Workflow && x.Unit == o.Unit && x.Month == m).Sum(x => x.Quantity);
                    return new UnitCostPoint(m, cost, units, Breakdowns.PerUnit(cost, units));
                }).ToList();
                var current = trend.Single(p => p.Month == month.Key);
                var previous = trend.LastOrDefault(p => string.CompareOrdinal(p.Month, month.Key) < 0 && p.CostPerUnitUsd is not null);
                return new UnitCost(o.Workflow, o.Unit, o.Quantity, current.CostUsd, current.CostPerUnitUsd,
                    previous is null || current.CostPerUnitUsd is null ? null : Breakdowns.Change(current.CostPerUnitUsd.Value, previous.CostPerUnitUsd!.Value),
                    trend);
            })
            .OrderByDescending(u => u.CostUsd).ThenBy(u => u.Workflow, StringComparer.Ordinal).ThenBy(u => u.Unit, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The largest changes against the month before across workflows, teams and models, largest first.</summary>
    public static IReadOnlyList<Mover> Movers(params (string Dimension, IReadOnlyList<SpendBreakdown> Lines)[] dimensions) =>
        dimensions.SelectMany(d => d.Lines.Where(l => l.ChangeUsd != 0)
                .Select(l => new Mover(d.Dimension, l.Name, l.PreviousCostUsd, l.CostUsd, l.ChangeUsd, l.ChangePercent)))
            .OrderByDescending(m => Math.Abs(m.ChangeUsd)).ThenBy(m => m.Dimension, StringComparer.Ordinal).ThenBy(m => m.Name, StringComparer.Ordinal)
            .Take(TopMovers)
            .ToList();

    /// <summary>
    /// For each decision of the reviews of quarters that ended before the month (whenever it was recorded: a review may
    /// be written down late): the unit cost in the reviewed quarter (per the unit the workflow delivered most of then,
    /// else per call) against this month's, and the saving on this month's units.
    /// </summary>
    public static IReadOnlyList<RealisedSaving> RealisedSavings(ReportPeriod month, IReadOnlyList<SpendRow> spend,
        IReadOnlyList<DecisionBaseline> decisions, IReadOnlyList<MonthlyOutcome> outcomes) =>
        decisions
            .OrderBy(d => d.Decision.Quarter, StringComparer.Ordinal).ThenBy(d => d.Decision.DecidedAt).ThenBy(d => d.Decision.DecisionId)
            .Select(d =>
            {
                var workflow = d.Decision.Workflow;
                var mainUnit = d.Outcomes.Where(o => o.Workflow == workflow).GroupBy(o => o.Unit)
                    .OrderByDescending(g => g.Sum(o => o.Quantity)).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault();
                var costNow = spend.Where(r => r["workflow"] == workflow).Sum(r => r.EffectiveCostUsd);
                var (unit, unitsBefore, unitsNow) = mainUnit is null
                    ? ("call", (double)d.Calls, (double)spend.Where(r => r["workflow"] == workflow).Sum(r => r.Events))
                    : (mainUnit.Key, mainUnit.Sum(o => o.Quantity),
                        outcomes.Where(o => o.Workflow == workflow && o.Unit == mainUnit.Key && o.Month == month.Key).Sum(o => o.Quantity));
                var before = Breakdowns.PerUnit(d.CostUsd, unitsBefore);
                var after = Breakdowns.PerUnit(costNow, unitsNow);
                return new RealisedSaving(d.Decision.Quarter, workflow, d.Decision.Change, d.Decision.Description, d.Decision.ExpectedMonthlySavingUsd,
                    unit, before, after, unitsNow, before is null || after is null ? null : Math.Round((before.Value - after.Value) * (decimal)unitsNow, 2));
            })
            .ToList();

    private static string MonthOf(string? period) => period is { Length: >= 7 } ? period[..7] : "";
}
