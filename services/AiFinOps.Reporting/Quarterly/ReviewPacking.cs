using System.Globalization;
using AiFinOps.Reporting.Maturity;
using AiFinOps.Reporting.Monthly;
using AiFinOps.Reporting.Sources;

namespace AiFinOps.Reporting.Quarterly;

/// <summary>Pure: the quarterly review pack from its fetched inputs.</summary>
public static class ReviewPacking
{
    public const int TopWorkflows = 5;

    public static ReviewPack Compute(ReviewPackInputs inputs)
    {
        var quarter = inputs.Quarter;
        var (now, before) = (inputs.Spend, inputs.PreviousSpend);
        var (cost, previousCost) = (now.Sum(r => r.EffectiveCostUsd), before.Sum(r => r.EffectiveCostUsd));
        var total = new SpendChange(cost, previousCost, cost - previousCost, Breakdowns.Change(cost, previousCost), now.Sum(r => r.Events), before.Sum(r => r.Events));
        var byWorkflow = Breakdowns.By(now, before, r => r["workflow"]);
        var reviews = byWorkflow.Where(w => w.CostUsd > 0).Take(TopWorkflows)
            .Select((w, i) => Review(i + 1, w, inputs))
            .ToList();
        return new ReviewPack(quarter.Key, quarter.From, quarter.To, quarter.Previous.Key, total, byWorkflow, reviews,
            inputs.Decisions.OrderBy(d => d.DecidedAt).ThenBy(d => d.DecisionId).ToList(),
            MaturityAssessing.Assess(inputs.Maturity));
    }

    public static WorkflowReview Review(int rank, SpendBreakdown workflow, ReviewPackInputs inputs)
    {
        var spend = inputs.Spend.Where(r => r["workflow"] == workflow.Name).ToList();
        var value = Value(workflow.Name, spend, inputs);
        var cheaper = CheaperModel(spend, inputs.Catalogue);
        var efficiency = Efficiency.Of(inputs.Profiles.FirstOrDefault(p => p.Workflow == workflow.Name), spend, inputs.Catalogue);
        return new WorkflowReview(rank, workflow.Name, workflow.CostUsd, workflow.SharePercent, workflow.Events, value, cheaper, efficiency,
            Findings(workflow, value, cheaper, efficiency));
    }

    public static ValueAnswer Value(string workflow, IReadOnlyList<SpendRow> spend, ReviewPackInputs inputs)
    {
        var months = inputs.Quarter.Months.Select(m => m.Key).ToList();
        var costs = months.ToDictionary(m => m, m => spend.Where(r => r.Period?[..7] == m).Sum(r => r.EffectiveCostUsd));
        var delivered = inputs.Outcomes.Where(o => o.Workflow == workflow && o.Quantity > 0).ToList();
        var units = delivered.GroupBy(o => o.Unit).OrderByDescending(g => g.Sum(o => o.Quantity)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new QuarterUnitCost(g.Key, g.Sum(o => o.Quantity), Breakdowns.PerUnit(spend.Sum(r => r.EffectiveCostUsd), g.Sum(o => o.Quantity)),
                months.Select(m =>
                {
                    var quantity = g.Where(o => o.Month == m).Sum(o => o.Quantity);
                    return new UnitCostPoint(m, costs[m], quantity, Breakdowns.PerUnit(costs[m], quantity));
                }).ToList()))
            .ToList();
        return new ValueAnswer(units.Count == 0, units);
    }

    public static CheaperModelAnswer CheaperModel(IReadOnlyList<SpendRow> spend, IReadOnlyList<ModelRates> catalogue)
    {
        var mixes = spend.GroupBy(r => r.ModelKey)
            .Select(g => new ModelMix(g.Key, g.Sum(r => r.Events), g.Sum(r => r.ListCostUsd), g.Sum(r => r.EffectiveCostUsd), g.Sum(r => r.InputTokens),
                g.Sum(r => r.CacheReadTokens), g.Sum(r => r.CacheWriteTokens), g.Sum(r => r.OutputTokens), g.Sum(r => r.ReasoningTokens)))
            .OrderByDescending(m => m.EffectiveCostUsd).ThenBy(m => m.Model, StringComparer.Ordinal)
            .ToList();
        var alternatives = mixes.SelectMany(m => CheaperModels.For(m, catalogue)).ToList();
        var best = alternatives.GroupBy(a => a.FromModel).Sum(g => g.Max(a => a.SavingUsd));
        return new CheaperModelAnswer(mixes, alternatives, best);
    }

    /// <summary>The answers in words, in the order a reviewer reads them.</summary>
    public static IReadOnlyList<string> Findings(SpendBreakdown workflow, ValueAnswer value, CheaperModelAnswer cheaper, EfficiencyAnswer efficiency)
    {
        var findings = new List<string>();
        if (value.SpendWithoutOutcomes)
            findings.Add($"Spent {Usd(workflow.CostUsd)} with no outcomes recorded: record its units of value with RecordOutcomes, or question what it delivers.");
        foreach (var unit in value.Units.Take(1))
            findings.Add($"{Usd(unit.CostPerUnitUsd ?? 0, 4)} per {unit.Unit} across {unit.Units.ToString("N0", CultureInfo.InvariantCulture)} {unit.Unit}s.");
        foreach (var best in cheaper.Alternatives.GroupBy(a => a.FromModel).Select(g => g.First()))
            findings.Add($"{best.ToModel} would have cost {Usd(best.CostUsd)} for the same tokens as {best.FromModel}: {Usd(best.SavingUsd)} less ({best.SavingPercent.ToString("0.#", CultureInfo.InvariantCulture)} %).");
        if (efficiency.CacheSavingUsd is > 0)
            findings.Add($"{efficiency.RepeatedPromptPercent?.ToString("0.#", CultureInfo.InvariantCulture)} % of calls repeat a prompt; caching at a {efficiency.AssumedHitRatePercent?.ToString("0.#", CultureInfo.InvariantCulture)} % hit rate would save {Usd(efficiency.CacheSavingUsd.Value)}.");
        if (efficiency.OutputGrowth >= Efficiency.OutputGrowthFlag)
            findings.Add($"Output per call grew {efficiency.OutputGrowth?.ToString("0.##", CultureInfo.InvariantCulture)}× over the quarter" +
                (efficiency.ExtraOutputCostUsdPerMonth is { } extra ? $", {Usd(extra)} more a month" : "") + ": check the prompt change and set max_output_tokens.");
        if (efficiency.WithoutOutputLimitPercent >= 50)
            findings.Add($"{efficiency.WithoutOutputLimitPercent?.ToString("0.#", CultureInfo.InvariantCulture)} % of calls set no max_output_tokens.");
        if (efficiency.CompressionCandidate)
            findings.Add($"Prompt size per call grew {efficiency.PromptGrowth?.ToString("0.##", CultureInfo.InvariantCulture)}×: a candidate for prompt compression.");
        return findings;
    }

    private static string Usd(decimal amount, int decimals = 2) =>
        "$" + amount.ToString("N" + (Math.Abs(amount) < 1 ? Math.Max(decimals, 4) : decimals), CultureInfo.InvariantCulture);
}
