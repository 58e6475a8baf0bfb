using AiFinOps.Allocation.Chargeback;
using AiFinOps.Allocation.Ledger;
using AiFinOps.Allocation.Periods;

namespace AiFinOps.Allocation.Tests;

public sealed class DailySpendTallyTests
{
    private static readonly DateTime Nov15 = new(2026, 11, 15, 0, 0, 0, DateTimeKind.Utc);

    private static DailySpendTally Tally(params string[] ruledExtra) =>
        new(new StatementDays(new BillingPeriod(2026, 11), Zones.Utc), ruledExtra);

    private static DailySpendTally.Grain Grain(DateTime? bucket = null, string chargeClass = ChargeClasses.Regular, string team = "search",
        string costCentreTag = "", string extra = "") =>
        new(bucket ?? Nov15, chargeClass, team, "triage", "prod", "openai", "gpt-4o-mini", costCentreTag, extra);

    private static ChargeAmounts Costs(decimal effective, long events = 1) => new(effective * 2, effective, effective, events, 0, 100, 10, 5, 1, 2);

    [Fact]
    public void Rows_of_one_grain_sum_into_one_daily_spend_exactly_keeping_the_largest_decimal_scale()
    {
        var tally = Tally();
        tally.Add(Grain(), Costs(1.5m));
        tally.Add(Grain(), Costs(0.250m, events: 3));

        var spend = Assert.Single(tally.Spend());

        Assert.Equal(new DateOnly(2026, 11, 15), spend.Day);
        Assert.Equal((Charge.Regular, "search", "triage", "prod", "openai", "gpt-4o-mini", ""),
            (spend.ChargeClass, spend.Team, spend.Workflow, spend.Environment, spend.Provider, spend.Model, spend.CostCentreTag));
        Assert.Equal("1.750", spend.Amounts.EffectiveCostUsd.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new ChargeAmounts(3.5m, 1.75m, 1.75m, 4, 0, 200, 20, 10, 2, 4), spend.Amounts);
        Assert.Empty(spend.Extra);
    }

    [Fact]
    public void Day_charge_class_team_and_cost_centre_tag_keep_rows_apart()
    {
        var tally = Tally();
        tally.Add(Grain(), Costs(1m));
        tally.Add(Grain(bucket: Nov15.AddDays(1)), Costs(1m));
        tally.Add(Grain(chargeClass: ChargeClasses.Correction), Costs(1m));
        tally.Add(Grain(team: "growth"), Costs(1m));
        tally.Add(Grain(costCentreTag: "CC-9"), Costs(1m));

        var spend = tally.Spend();

        Assert.Equal(5, spend.Count);
        Assert.Single(spend, s => s.ChargeClass == Charge.Correction);
        Assert.Single(spend, s => s.Day == new DateOnly(2026, 11, 16));
    }

    [Fact]
    public void Ruled_extra_values_keep_rows_apart_and_come_back_by_dimension()
    {
        var tally = Tally("product", "customer");
        tally.Add(Grain(extra: DailySpendTally.JoinExtra(["checkout", "acme"])), Costs(1m));
        tally.Add(Grain(extra: DailySpendTally.JoinExtra(["checkout", "acme"])), Costs(2m));
        tally.Add(Grain(extra: DailySpendTally.JoinExtra(["checkout", ""])), Costs(4m));

        var spend = tally.Spend().OrderBy(s => s.Amounts.EffectiveCostUsd).ToList();

        Assert.Equal([3m, 4m], spend.Select(s => s.Amounts.EffectiveCostUsd));
        Assert.Equal(new Dictionary<string, string> { ["product"] = "checkout", ["customer"] = "acme" }, spend[0].Extra);
        Assert.Equal(new Dictionary<string, string> { ["product"] = "checkout", ["customer"] = "" }, spend[1].Extra);
    }

    [Fact]
    public void Nothing_added_is_no_spend() => Assert.Empty(Tally().Spend());
}
