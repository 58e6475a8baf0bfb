using AiFinOps.Reporting.Maturity;
using AiFinOps.Reporting.Outcomes.GettingOutcomes;
using AiFinOps.Reporting.Periods;
using AiFinOps.Reporting.Reviews;
using AiFinOps.Reporting.Sources;
using AiFinOps.Reporting.Storing;
using AiFinOps.Reporting.Usage;
using Marten;

namespace AiFinOps.Reporting.Quarterly;

/// <summary>Fetches a review pack's inputs: the other services over their APIs, outcomes, call profiles, reviews and reports from reporting's own store.</summary>
public sealed class ReviewPackInputsGatherer(ReportSources sources, OutcomeReader outcomes, CallProfiles profiles, ReportStore reports, IDocumentStore store)
{
    public async Task<ReviewPackInputs> GatherAsync(ReportPeriod quarter, CancellationToken ct)
    {
        var previous = quarter.Previous;
        var spend = await sources.SpendAsync(quarter.From, quarter.To, "workflow,provider,model", "month", ct);
        var previousSpend = await sources.SpendAsync(previous.From, previous.To, "workflow", null, ct);
        var teams = await sources.SpendAsync(quarter.From, quarter.To, "team", null, ct);

        await using var session = store.QuerySession();
        var review = await session.LoadAsync<QuarterReview>(ReviewDecisionRecorded.StreamKey(quarter.Key), ct);
        var lastReview = await session.LoadAsync<QuarterReview>(ReviewDecisionRecorded.StreamKey(previous.Key), ct);
        var lastMonth = await reports.LoadAsync(ReportKinds.Monthly, quarter.Months[^1].Key, null, ct);

        var workflows = spend.Where(r => r.EffectiveCostUsd > 0).Select(r => r["workflow"]).Distinct().Order(StringComparer.Ordinal).ToList();
        var before = previousSpend.Where(r => r.EffectiveCostUsd > 0).Select(r => r["workflow"]).ToHashSet(StringComparer.Ordinal);
        var maturity = new MaturityInputs(
            (await sources.DataQualityAsync(quarter.From, quarter.To, ct)).AllThreeSpendPercent,
            teams.Where(r => r.EffectiveCostUsd > 0).Select(r => r["team"]).Distinct().Order(StringComparer.Ordinal).ToList(),
            workflows,
            workflows.Where(w => !before.Contains(w)).ToList(),
            await sources.BudgetsAsync(quarter.Months[^1], ct),
            await sources.WorkflowsAsync(ct),
            lastReview?.Decisions.Count ?? 0,
            lastMonth?.Latest.Monthly?.RealisedSavings.Sum(s => s.RealisedSavingUsd ?? 0));

        return new ReviewPackInputs(quarter, spend, previousSpend,
            await outcomes.MonthlyAsync(quarter.From, quarter.To, ct),
            await profiles.ReadAsync(quarter.From, quarter.To, ct),
            await sources.CatalogueAsync(ct),
            review?.Decisions ?? [],
            maturity);
    }
}
