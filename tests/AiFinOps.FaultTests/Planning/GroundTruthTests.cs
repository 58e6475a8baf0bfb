using AiFinOps.FaultTests.Load;
using AiFinOps.FaultTests.Reconciling;

namespace AiFinOps.FaultTests.Planning;

/// <summary>The ground truth the scenarios reconcile against, from the plan alone (no servers).</summary>
public sealed class GroundTruthTests
{
    private static readonly LoadSettings Load = new(Events: 1_000, Rate: 0, BatchSize: 64, Senders: 1);

    [Fact]
    public void A_plan_holds_every_event_once_in_batches_of_the_configured_size()
    {
        var plan = UsagePlan.Create("plan", Load, DateTimeOffset.UtcNow);

        Assert.Equal(1_000, plan.Events.Select(e => e.EventId).Distinct().Count());
        Assert.All(plan.Batches.SkipLast(1), b => Assert.Equal(64, b.Events.Count));
        Assert.Equal(1_000 % 64, plan.Batches[^1].Events.Count);
    }

    [Fact]
    public void The_same_scenario_name_plans_the_same_load()
    {
        var now = DateTimeOffset.UtcNow;

        var first = UsagePlan.Create("same", Load, now).Events.Select(e => (e.EventId, e.Team, e.Model, e.RunId));
        var second = UsagePlan.Create("same", Load, now).Events.Select(e => (e.EventId, e.Team, e.Model, e.RunId));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Ground_truth_sums_each_teams_events_at_their_call_shapes_quoted_price()
    {
        var plan = UsagePlan.Create("truth", Load, DateTimeOffset.UtcNow);
        var prices = CallShape.All.Select((shape, i) => (shape, price: 0.001m * (i + 1))).ToDictionary(p => p.shape, p => p.price);

        var truth = GroundTruth.Of(plan, prices);

        Assert.Equal(1_000, truth.Events);
        Assert.Equal(1_000, truth.Teams.Values.Sum(t => t.Events));
        foreach (var (team, (events, cost)) in truth.Teams)
        {
            var calls = plan.Events.Where(e => e.Team == team).ToList();
            Assert.Equal(calls.Count, events);
            Assert.Equal(calls.Sum(e => prices[CallShape.All.Single(s => s.Model == e.Model)]), cost);
        }
        Assert.Equal(plan.Events.Select(e => (e.Team, e.Workflow, e.RunId)).Distinct().Count(), truth.Runs);
    }
}
