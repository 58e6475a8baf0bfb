using AiFinOps.Allocation.Rules;
using AiFinOps.Allocation.SharedCosts;

namespace AiFinOps.Allocation.Tests;

public sealed class SharedCostDecisionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly SharedCostSourceInput Router = new("workflow", "platform-router");

    private static DefineSharedCostRule Rule(string method, SharedCostConsumerInput[]? consumers = null, string from = "2026-01-01",
        string? to = null, SharedCostSourceInput? source = null) => new(source ?? Router, method, consumers, from, to);

    private static SharedCostRule Defined(DefineSharedCostRule command, SharedCostSource? source = null, string id = "scr-1")
    {
        var (defined, repeated, refusal) = SharedCostDecisions.Define(source, command, id, "finance-key", Now);
        Assert.Null(refusal);
        Assert.Null(repeated);
        return Assert.IsType<SharedCostRuleDefined>(defined).Rule;
    }

    private static Refusal Refused(DefineSharedCostRule command, SharedCostSource? source = null)
    {
        var (defined, _, refusal) = SharedCostDecisions.Define(source, command, "scr-1", "finance-key", Now);
        Assert.Null(defined);
        return Assert.IsType<Refusal>(refusal);
    }

    [Fact]
    public void A_workflow_is_shared_in_fixed_percentages_that_sum_to_exactly_100()
    {
        var rule = Defined(Rule("Fixed", [new("search", 33.34m), new("growth", 33.33m), new("support", 33.33m)]));

        Assert.Equal(("workflow:platform-router", "fixed"), (rule.Source, rule.Method));
        Assert.Equal([new SharedCostConsumer("search", 33.34m), new("growth", 33.33m), new("support", 33.33m)], rule.Consumers);
    }

    [Fact]
    public void Fixed_percentages_that_do_not_sum_to_100_are_refused_with_the_sum()
    {
        var refusal = Refused(Rule("fixed", [new("search", 60m), new("growth", 39.5m)]));

        Assert.Equal(["the percentages add up to 99.5, not exactly 100"], refusal.Errors["consumers"]);
    }

    [Fact]
    public void Fixed_needs_every_percent_within_0_and_100_and_other_methods_take_none()
    {
        var missing = Refused(Rule("fixed", [new("search", 100m), new("growth")]));
        Assert.Equal(["is required with method fixed"], missing.Errors["consumers[1].percent"]);

        var outOfRange = Refused(Rule("fixed", [new("search", 120m), new("growth", -20m)]));
        Assert.Equal(["120 must be above 0 and at most 100"], outOfRange.Errors["consumers[0].percent"]);
        Assert.Equal(["-20 must be above 0 and at most 100"], outOfRange.Errors["consumers[1].percent"]);

        Assert.Equal(["method fixed needs the consumers and each one's percent"], Refused(Rule("fixed")).Errors["consumers"]);
        Assert.Contains("applies only to method fixed", Refused(Rule("even", [new("search", 50m)])).Errors["consumers[0].percent"][0]);
    }

    [Fact]
    public void Proportional_and_even_may_list_no_consumers_meaning_every_team_with_own_spend()
    {
        Assert.Empty(Defined(Rule("proportional")).Consumers);
        Assert.Equal([new SharedCostConsumer("a"), new("b")], Defined(Rule("even", [new("a"), new("b")])).Consumers);
    }

    [Fact]
    public void Sources_methods_and_consumers_are_checked_field_by_field()
    {
        var refusal = Refused(new DefineSharedCostRule(new("model", ""), "weighted", [new(""), new("(untagged)"), new("a"), new("a")], "2026-01-01"));

        Assert.Equal(["'model' cannot be shared; share a workflow or a team"], refusal.Errors["source.dimension"]);
        Assert.Equal(["is required and must not be blank"], refusal.Errors["source.value"]);
        Assert.Equal(["'weighted' is not a split method; use proportional, even, fixed"], refusal.Errors["method"]);
        Assert.Equal(["is required and must not be blank"], refusal.Errors["consumers[0].team"]);
        Assert.Equal(["(untagged) is not a team that can bear a cost"], refusal.Errors["consumers[1].team"]);
        Assert.Equal(["'a' is listed twice"], refusal.Errors["consumers[3].team"]);
        Assert.Contains("is required", Refused(new DefineSharedCostRule(null, "even", null, "2026-01-01")).Errors["source"][0]);
        Assert.Contains("cannot be shared", Refused(Rule("even", source: new("workflow", "(untagged)"))).Errors["source.value"][0]);
    }

    [Fact]
    public void Two_rules_for_one_source_cannot_overlap_and_a_repeat_changes_nothing()
    {
        var source = SharedCostSource.Create(new SharedCostRuleDefined(Defined(Rule("even", from: "2026-01-01", to: "2026-04-01"))));

        Assert.Equal(RefusalKind.Conflict, Refused(Rule("proportional", from: "2026-03-01"), source).Kind);
        Assert.Equal("scr-2", Defined(Rule("proportional", from: "2026-04-01"), source, "scr-2").Id);
        var (defined, repeated, refusal) = SharedCostDecisions.Define(source, Rule("even", from: "2026-01-01", to: "2026-04-01"), "scr-3", "f", Now);
        Assert.Equal((null, "scr-1", null), (defined, repeated?.Id, refusal));
    }

    [Fact]
    public void Amending_replaces_the_terms_and_ending_brings_the_end_forward()
    {
        var source = SharedCostSource.Create(new SharedCostRuleDefined(Defined(Rule("even"))));

        var (amended, refusal) = SharedCostDecisions.Amend(source, "scr-1", new AmendSharedCostRule("fixed", [new("a", 70m), new("b", 30m)], "2026-01-01"), "f", Now);
        Assert.Null(refusal);
        Assert.Equal("fixed", amended!.Rule.Method);
        source = source.Apply(amended);

        var (ended, _) = SharedCostDecisions.End(source, "scr-1", new EndSharedCostRule("2026-06-01"), "f", Now);
        source = source.Apply(ended!);
        Assert.Null(source.On(new DateOnly(2026, 6, 1)));
        Assert.Equal("scr-1", source.On(new DateOnly(2026, 5, 31))?.Id);
        Assert.Equal(RefusalKind.Conflict, SharedCostDecisions.End(source, "scr-1", new EndSharedCostRule("2026-07-01"), "f", Now).Refusal!.Kind);
        Assert.Equal(RefusalKind.NotFound, SharedCostDecisions.Amend(source, "nope", new AmendSharedCostRule("even", null, "2026-01-01"), "f", Now).Refusal!.Kind);
    }
}
