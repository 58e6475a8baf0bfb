using AiFinOps.Allocation.Chargeback;
using AiFinOps.Allocation.CostCentres;
using AiFinOps.Allocation.SharedCosts;
using static AiFinOps.Allocation.Tests.Rulebook;

namespace AiFinOps.Allocation.Tests;

public sealed class ChargeAllocationTests
{
    private static readonly CostCentreResolution Teams = new(
    [
        Maps("team", "search", ("CC-Search", From(2026, 1, 1))),
        Maps("team", "growth", ("CC-Growth", From(2026, 1, 1))),
        Maps("team", "platform", ("CC-Platform", From(2026, 1, 1))),
    ], []);

    private static ChargeAmounts Total(IEnumerable<Charge> charges) => charges.Aggregate(ChargeAmounts.Zero, (a, c) => a.Add(c.Amounts));

    private static ChargeAmounts Total(IEnumerable<DailySpend> spend) => spend.Aggregate(ChargeAmounts.Zero, (a, s) => a.Add(s.Amounts));

    [Fact]
    public void Without_sharing_each_days_spend_is_charged_to_its_resolved_cost_centre_and_summed_over_the_days()
    {
        var charges = ChargeAllocation.Allocate(
        [
            DaySpend("search", 1.25m, day: new(2026, 11, 1)),
            DaySpend("search", 0.75m, day: new(2026, 11, 2)),
            DaySpend("growth", 2m),
            DaySpend("(untagged)", 0.5m),
            DaySpend("mobile", 0.1m),
        ], Teams, SharedCostBook.None);

        Assert.Equal(
            new[] { ("(unassigned)", "mobile", 0.1m), ("(untagged)", "(untagged)", 0.5m), ("CC-Growth", "growth", 2m), ("CC-Search", "search", 2.00m) },
            charges.Select(c => (c.CostCentre, c.Team, c.Amounts.EffectiveCostUsd)).Order().ToArray());
        Assert.All(charges, c => Assert.Null(c.SharedFrom));
        Assert.Equal(2, charges.Single(c => c.Team == "search").Amounts.Events);
    }

    [Fact]
    public void A_shared_workflow_is_split_in_proportion_to_the_consumers_own_spend_and_charged_to_their_cost_centres()
    {
        var sharing = new SharedCostBook([Shares("workflow", "platform-router", SplitMethods.Proportional, [])]);

        var charges = ChargeAllocation.Allocate(
        [
            DaySpend("search", 3.00m),
            DaySpend("growth", 1.00m),
            DaySpend("(untagged)", 5.00m),
            DaySpend("platform", 1.00m, workflow: "platform-router", events: 10, input: 1_000),
        ], Teams, sharing);

        var shares = charges.Where(c => c.SharedFrom == "workflow:platform-router").OrderBy(c => c.Team).ToList();
        Assert.Equal(new[] { ("CC-Growth", "growth", 0.25m, 3L, 250L), ("CC-Search", "search", 0.75m, 7L, 750L) },
            shares.Select(c => (c.CostCentre, c.Team, c.Amounts.EffectiveCostUsd, c.Amounts.Events, c.Amounts.InputTokens)));
        Assert.All(shares, c => Assert.Equal("platform-router", c.Workflow));
        Assert.DoesNotContain(charges, c => c.Team == "platform");
        Assert.Equal(5.00m, charges.Single(c => c.Team == "(untagged)").Amounts.EffectiveCostUsd);
    }

    [Fact]
    public void Fixed_and_even_splits_ignore_own_spend_and_listed_consumers_need_no_spend_of_their_own()
    {
        var fixedSplit = new SharedCostBook([Shares("team", "platform", SplitMethods.Fixed, [new("search", 70m), new("newcomer", 30m)])]);
        var charges = ChargeAllocation.Allocate([DaySpend("search", 5m), DaySpend("platform", 10.00m)], Teams, fixedSplit);
        Assert.Equal(7.00m, charges.Single(c => c is { Team: "search", SharedFrom: "team:platform" }).Amounts.EffectiveCostUsd);
        Assert.Equal(("(unassigned)", 3.00m), charges.Where(c => c.Team == "newcomer").Select(c => (c.CostCentre, c.Amounts.EffectiveCostUsd)).Single());

        var even = new SharedCostBook([Shares("team", "platform", SplitMethods.Even, [])]);
        var evenly = ChargeAllocation.Allocate([DaySpend("search", 5m), DaySpend("growth", 0.01m), DaySpend("platform", 1.00m)], Teams, even);
        Assert.Equal([0.50m, 0.50m], evenly.Where(c => c.SharedFrom is not null).Select(c => c.Amounts.EffectiveCostUsd));
    }

    [Fact]
    public void A_workflow_rule_wins_over_its_teams_rule_and_shares_are_not_shared_again()
    {
        var sharing = new SharedCostBook(
        [
            Shares("workflow", "platform-router", SplitMethods.Fixed, [new("search", 100m)]),
            Shares("team", "platform", SplitMethods.Fixed, [new("growth", 100m)]),
        ]);

        var charges = ChargeAllocation.Allocate(
            [DaySpend("platform", 1m, workflow: "platform-router"), DaySpend("platform", 2m, workflow: "batch-jobs")], Teams, sharing);

        Assert.Equal(("search", "workflow:platform-router"), charges.Where(c => c.Workflow == "platform-router").Select(c => (c.Team, c.SharedFrom)).Single());
        Assert.Equal(("growth", "team:platform"), charges.Where(c => c.Workflow == "batch-jobs").Select(c => (c.Team, c.SharedFrom)).Single());
    }

    [Fact]
    public void Shared_spend_with_nobody_to_share_it_stays_with_its_own_team()
    {
        var sharing = new SharedCostBook([Shares("team", "platform", SplitMethods.Proportional, [])]);

        var charges = ChargeAllocation.Allocate([DaySpend("platform", 1m), DaySpend("(untagged)", 1m)], Teams, sharing);

        Assert.Equal(("CC-Platform", (string?)null), charges.Where(c => c.Team == "platform").Select(c => (c.CostCentre, c.SharedFrom)).Single());
    }

    [Fact]
    public void Proportional_to_nothing_is_even_and_negative_own_spend_counts_as_none()
    {
        var sharing = new SharedCostBook([Shares("workflow", "router", SplitMethods.Proportional, [new("search"), new("growth")])]);

        var charges = ChargeAllocation.Allocate([DaySpend("search", -2m), DaySpend("platform", 1.00m, workflow: "router")], Teams, sharing);

        Assert.Equal([0.50m, 0.50m], charges.Where(c => c.SharedFrom is not null).OrderBy(c => c.Team).Select(c => c.Amounts.EffectiveCostUsd));
    }

    [Fact]
    public void Sharing_follows_the_rule_in_force_each_day_and_the_consumers_cost_centre_of_that_day()
    {
        var teams = new CostCentreResolution(
            [Maps("team", "search", ("CC-Old", From(2026, 1, 1, new DateOnly(2026, 11, 10))), ("CC-New", From(2026, 11, 10)))], []);
        var sharing = new SharedCostBook([Shares("workflow", "router", SplitMethods.Fixed, [new("search", 100m)], From(2026, 11, 5))]);

        var charges = ChargeAllocation.Allocate(
        [
            DaySpend("platform", 1m, workflow: "router", day: new(2026, 11, 4)),
            DaySpend("platform", 2m, workflow: "router", day: new(2026, 11, 6)),
            DaySpend("platform", 4m, workflow: "router", day: new(2026, 11, 12)),
        ], teams, sharing);

        Assert.Equal(new[] { ("(unassigned)", "platform", 1m), ("CC-New", "search", 4m), ("CC-Old", "search", 2m) },
            charges.Select(c => (c.CostCentre, c.Team, c.Amounts.EffectiveCostUsd)).Order().ToArray());
    }

    [Fact]
    public void Regular_and_correction_spend_are_charged_apart()
    {
        var charges = ChargeAllocation.Allocate(
            [DaySpend("search", 1m), DaySpend("search", -0.25m, chargeClass: Charge.Correction)], Teams, SharedCostBook.None);

        Assert.Equal(new[] { (Charge.Correction, -0.25m), (Charge.Regular, 1m) },
            charges.Select(c => (c.ChargeClass, c.Amounts.EffectiveCostUsd)).Order().ToArray());
    }

    [Fact]
    public void On_random_periods_the_charges_sum_exactly_to_the_spend_and_each_shared_source_to_its_own_spend()
    {
        var random = new Random(4);
        string[] teams = ["search", "growth", "platform", "support", "(untagged)", "mobile"];
        string[] workflows = ["triage", "platform-router", "summarise", "batch"];
        for (var n = 0; n < 300; n++)
        {
            var spend = Enumerable.Range(0, random.Next(1, 60)).Select(_ => DaySpend(
                teams[random.Next(teams.Length)],
                decimal.Round((decimal)random.NextDouble() * 3m - (random.Next(10) == 0 ? 2m : 0m), random.Next(2, 10)),
                workflows[random.Next(workflows.Length)],
                new DateOnly(2026, 11, random.Next(1, 31)),
                random.Next(5) == 0 ? "CC-Tagged" : "",
                chargeClass: random.Next(6) == 0 ? Charge.Correction : Charge.Regular,
                events: random.Next(1, 50),
                input: random.Next(0, 100_000))).ToList();
            var method = SplitMethods.All[random.Next(3)];
            SharedCostConsumer[] consumers = method == SplitMethods.Fixed
                ? [new("search", 12.5m), new("growth", 50m), new("newcomer", 37.5m)]
                : random.Next(2) == 0 ? [] : [new("search"), new("support")];
            var sharing = new SharedCostBook(
            [
                Shares("workflow", "platform-router", method, consumers, From(2026, 11, random.Next(1, 20))),
                Shares("team", "mobile", SplitMethods.Even, []),
            ]);

            var charges = ChargeAllocation.Allocate(spend, Teams, sharing);

            Assert.Equal(Total(spend), Total(charges));
            foreach (var cls in new[] { Charge.Regular, Charge.Correction })
                Assert.Equal(Total(spend.Where(s => s.ChargeClass == cls)), Total(charges.Where(c => c.ChargeClass == cls)));
            var routerRule = sharing.For("platform-router", "", new DateOnly(2026, 11, 30))!;
            var sharedRouterSpend = spend.Where(s => s.Workflow == "platform-router" && routerRule.Dates.InForce(s.Day));
            var routerShares = charges.Where(c => c.SharedFrom == "workflow:platform-router");
            if (routerShares.Any()) Assert.Equal(Total(sharedRouterSpend), Total(routerShares));
        }
    }
}
