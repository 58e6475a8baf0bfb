using AiFinOps.Budgeting.Spend;
using AiFinOps.Budgeting.Spend.RecordingSpend;

namespace AiFinOps.Budgeting.Tests;

public sealed class AccruedSpendRollupTests
{
    private static readonly DateTimeOffset November = new(2026, 11, 14, 9, 30, 0, TimeSpan.Zero);

    private static AccruedUsage Usage(decimal cost, Dictionary<string, string> tags, DateTimeOffset? at = null, string team = "search") =>
        AccruedUsage.From(Usages.Priced(team, cost * 2, cost, at ?? November) with { Tags = tags, BilledCostUsd = cost });

    [Fact]
    public void Usages_with_the_same_month_dimensions_and_tags_in_any_order_add_up_to_one_row()
    {
        AccruedUsage[] usages =
        [
            Usage(1m, new() { ["cost_centre"] = "CC-1", ["product"] = "chat" }),
            Usage(2m, new() { ["product"] = "chat", ["cost_centre"] = "CC-1" }, at: new DateTimeOffset(2026, 11, 30, 23, 59, 0, TimeSpan.Zero)),
        ];

        var row = Assert.Single(AccruedSpendRollup.Of(usages));

        Assert.Equal((new DateOnly(2026, 11, 1), "search", 6m, 3m, 3m, 2L),
            (row.Month, row.Team, row.ListCostUsd, row.EffectiveCostUsd, row.BilledCostUsd, row.Events));
    }

    [Fact]
    public void Another_month_team_tag_value_or_pricing_is_another_row()
    {
        Dictionary<string, string> chat = new() { ["product"] = "chat" };
        AccruedUsage[] usages =
        [
            Usage(1m, chat),
            Usage(1m, chat, at: new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)),
            Usage(1m, chat, team: "ads"),
            Usage(1m, new() { ["product"] = "search" }),
            Usage(1m, []),
            AccruedUsage.From(Usages.Unpriced("search") with { Tags = chat }),
        ];

        var rows = AccruedSpendRollup.Of(usages);

        Assert.Equal(6, rows.Count);
        Assert.Equal(6L, rows.Sum(r => r.Events));
        Assert.Equal(5m, rows.Sum(r => r.EffectiveCostUsd));
    }

    [Fact]
    public void A_repricing_difference_adds_its_cost_and_no_event()
    {
        var usage = Usage(2m, []);
        var difference = usage with { EventId = "line-1", ListCostUsd = -1m, EffectiveCostUsd = -0.5m, BilledCostUsd = null, Events = 0 };

        var row = Assert.Single(AccruedSpendRollup.Of([usage, difference]));

        Assert.Equal((3m, 1.5m, 2m, 1L), (row.ListCostUsd, row.EffectiveCostUsd, row.BilledCostUsd, row.Events));
    }
}
