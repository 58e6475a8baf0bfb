using AiFinOps.Reporting.Outcomes.GettingOutcomes;
using AiFinOps.Reporting.Periods;
using AiFinOps.Reporting.Reviews;
using AiFinOps.Reporting.Sources;
using Marten;

namespace AiFinOps.Reporting.Monthly;

/// <summary>Fetches a monthly report's inputs: the other services over their APIs, outcomes and reviews from reporting's own store.</summary>
public sealed class MonthlyInputsGatherer(ReportSources sources, OutcomeReader outcomes, IDocumentStore store)
{
    public const string Cube = "team,workflow,environment,provider,model";

    public async Task<MonthlyInputs> GatherAsync(ReportPeriod month, CancellationToken ct)
    {
        var previous = month.Previous;
        var trendFrom = month.From.AddMonths(1 - MonthlyInputs.TrendMonths);
        return new MonthlyInputs(
            month,
            await sources.SpendAsync(month.From, month.To, Cube, null, ct),
            await sources.SpendAsync(previous.From, previous.To, Cube, null, ct),
            await sources.SpendAsync(month.From, month.To, "environment", "day", ct),
            await sources.SpendAsync(trendFrom, month.To, "workflow", "month", ct),
            await sources.CostCentresAsync(month, ct),
            await sources.CostCentresAsync(previous, ct),
            await outcomes.MonthlyAsync(trendFrom, month.To, ct),
            await sources.DataQualityAsync(month.From, month.To, ct),
            await sources.BudgetsAsync(month, ct),
            await sources.AnomaliesAsync(month.From, month.To, ct),
            await DecisionBaselinesAsync(month, ct));
    }

    /// <summary>The decisions of every review of a quarter that ended by the month's start, with their quarter's figures.</summary>
    private async Task<IReadOnlyList<DecisionBaseline>> DecisionBaselinesAsync(ReportPeriod month, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var reviews = (await session.Query<QuarterReview>().ToListAsync(ct))
            .Select(r => (Review: r, Quarter: ReportPeriod.ParseQuarter(r.Quarter, out _)!))
            .Where(r => r.Quarter.To <= month.From)
            .OrderBy(r => r.Quarter.From)
            .ToList();
        var baselines = new List<DecisionBaseline>();
        foreach (var (review, quarter) in reviews)
        {
            var workflows = review.Decisions.Select(d => d.Workflow).Distinct().ToList();
            var spend = await sources.SpendAsync(quarter.From, quarter.To, "workflow", null, ct,
                "workflow=" + string.Join(",", workflows.Select(Uri.EscapeDataString)));
            var delivered = await outcomes.MonthlyAsync(quarter.From, quarter.To, ct);
            baselines.AddRange(review.Decisions.Select(d => new DecisionBaseline(d,
                spend.Where(r => r["workflow"] == d.Workflow).Sum(r => r.EffectiveCostUsd),
                spend.Where(r => r["workflow"] == d.Workflow).Sum(r => r.Events),
                delivered.Where(o => o.Workflow == d.Workflow).ToList())));
        }
        return baselines;
    }
}
