using AiFinOps.Budgeting.Spend;
using AiFinOps.Budgeting.Spend.RecordingRepricing;
using AiFinOps.Budgeting.Spend.RecordingSpend;

namespace AiFinOps.Budgeting.Tests;

public sealed class RepricedAccrualTests
{
    [Fact]
    public void A_difference_accrues_under_its_line_id_at_the_call_s_time_and_dimensions_as_no_event()
    {
        var line = Repricings.Line("search", -0.4m, lineId: "evt-1#r7") with { Tags = new Dictionary<string, string> { ["cost_centre"] = "CC-1" } };

        var accrued = RepricedAccrual.From(line);

        Assert.Equal(("evt-1#r7", line.OccurredAt, "search", "support-triage", "prod", "CC-1"),
            (accrued.EventId, accrued.OccurredAt, accrued.Team, accrued.Workflow, accrued.Environment, accrued.Tags["cost_centre"]));
        Assert.Equal((-0.5m, -0.4m, -0.4m, 0), (accrued.ListCostUsd, accrued.EffectiveCostUsd, accrued.BilledCostUsd, accrued.Events));
    }

    [Fact]
    public void A_usage_is_one_event_and_a_difference_none_so_budget_events_count_calls()
    {
        var budget = Budgets.Defined();
        var usage = AccruedUsage.From(Usages.Priced("search", 2m, 2m));
        var cheaper = RepricedAccrual.From(Repricings.Line("search", -0.5m));

        var delta = Assert.Single(BudgetAccrual.Deltas([budget], [usage, cheaper]));

        Assert.Equal((1.5m, 1L), (delta.SpentUsd, delta.Events));
    }

    [Fact]
    public void Only_a_difference_that_takes_a_call_s_price_away_leaves_it_unpriced()
    {
        Assert.True(RepricedAccrual.From(Repricings.Line("search", 1m, unpricedDelta: -1)).Priced);
        Assert.True(RepricedAccrual.From(Repricings.Line("search", 1m)).Priced);
        Assert.False(RepricedAccrual.From(Repricings.Line("search", -1m, unpricedDelta: 1)).Priced);
    }
}
