using AiFinOps.FaultTests.Load;

namespace AiFinOps.FaultTests.Reconciling;

/// <summary>What ingest accepted once every batch of the plan was answered OK: per team, the events and their
/// effective cost (each call shape priced once by ingest's own quote); and the workflow runs they form.</summary>
public sealed record GroundTruth(long Events, IReadOnlyDictionary<string, (long Events, decimal EffectiveCostUsd)> Teams, long Runs)
{
    public static GroundTruth Of(UsagePlan plan, IReadOnlyDictionary<CallShape, decimal> prices)
    {
        var events = plan.Events.ToList();
        var teams = events.GroupBy(e => e.Team).ToDictionary(
            g => g.Key,
            g => ((long)g.Count(), g.Sum(e => prices[new CallShape(e.Provider, e.Model, e.InputTokens, e.OutputTokens)])));
        var runs = events.Select(e => (e.Team, e.Workflow, e.RunId)).Distinct().LongCount();
        return new GroundTruth(events.Count, teams, runs);
    }
}
