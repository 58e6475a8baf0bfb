using AiFinOps.Allocation.CostCentres;
using AiFinOps.Allocation.Rules;

namespace AiFinOps.Allocation.Tests;

public sealed class CostCentreDecisionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlyList<string> Extra = ["product"];

    private static (CostCentreRuleDefined? Defined, CostCentreRule? Repeated, Refusal? Refusal) Define(CostCentreMapping? mapping,
        DefineCostCentreRule command, string id = "ccr-1") =>
        CostCentreDecisions.Define(mapping, command, Extra, id, "finance-key", Now);

    private static CostCentreMapping Mapping(params CostCentreRuleDefined[] defined) =>
        defined.Skip(1).Aggregate(CostCentreMapping.Create(defined[0]), (m, e) => m.Apply(e));

    private static CostCentreRuleDefined Defined(DefineCostCentreRule command, string id = "ccr-1", CostCentreMapping? mapping = null)
    {
        var (defined, repeated, refusal) = Define(mapping, command, id);
        Assert.Null(refusal);
        Assert.Null(repeated);
        return Assert.IsType<CostCentreRuleDefined>(defined);
    }

    private static Refusal Refused(DefineCostCentreRule command, CostCentreMapping? mapping = null)
    {
        var (defined, _, refusal) = Define(mapping, command);
        Assert.Null(defined);
        return Assert.IsType<Refusal>(refusal);
    }

    [Fact]
    public void A_team_is_mapped_to_a_cost_centre_from_a_day_on_trimmed()
    {
        var defined = Defined(new DefineCostCentreRule(" Team ", " search ", " CC-100 Search ", "2026-01-01"));

        Assert.Equal(new CostCentreRule("ccr-1", "team", "search", "CC-100 Search", new EffectiveDates(new(2026, 1, 1), null), "finance-key", Now),
            defined.Rule);
        Assert.Equal("cost-centre-mapping:team:search", CostCentreMapping.Create(defined).Id);
    }

    [Fact]
    public void Tag_values_of_the_cost_centre_tag_and_of_configured_dimensions_can_be_mapped()
    {
        Assert.Equal("cost_centre_tag", Defined(new DefineCostCentreRule("cost_centre_tag", "cc-42", "Marketing EMEA", "2026-01-01")).Rule.Dimension);
        Assert.Equal("product", Defined(new DefineCostCentreRule("product", "checkout", "CC-7", "2026-01-01")).Rule.Dimension);
    }

    [Fact]
    public void An_unknown_dimension_is_refused_naming_the_ones_that_exist()
    {
        var refusal = Refused(new DefineCostCentreRule("customer", "acme", "CC-1", "2026-01-01"));

        Assert.Equal(RefusalKind.Invalid, refusal.Kind);
        Assert.Equal(["'customer' is not a dimension rules can map; use one of: team, cost_centre_tag, product"], refusal.Errors["dimension"]);
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once()
    {
        var refusal = Refused(new DefineCostCentreRule("", "  ", null, "2026-13-01", "yesterday"));

        Assert.Equal(new HashSet<string> { "dimension", "value", "costCentre", "effectiveFrom", "effectiveTo" }, refusal.Errors.Keys.ToHashSet());
        Assert.Equal(["is required and must not be blank"], refusal.Errors["costCentre"]);
        Assert.Equal(["'2026-13-01' is not a day like 2026-01-31"], refusal.Errors["effectiveFrom"]);
        Assert.Equal(["'yesterday' is not a day like 2026-01-31"], refusal.Errors["effectiveTo"]);
    }

    [Fact]
    public void Untagged_spend_cannot_be_mapped_as_a_team_and_reserved_lines_are_no_cost_centres()
    {
        Assert.Contains("stays on its own line", Refused(new DefineCostCentreRule("team", "(untagged)", "CC-1", "2026-01-01")).Errors["value"][0]);
        Assert.Contains("a line the statement makes itself", Refused(new DefineCostCentreRule("team", "search", "(unassigned)", "2026-01-01")).Errors["costCentre"][0]);
        Assert.Contains("a line the statement makes itself", Refused(new DefineCostCentreRule("team", "search", "(untagged)", "2026-01-01")).Errors["costCentre"][0]);
    }

    [Fact]
    public void Names_with_control_characters_or_too_long_are_refused()
    {
        Assert.Contains("control characters", Refused(new DefineCostCentreRule("team", "search", "CC\t1", "2026-01-01")).Errors["costCentre"][0]);
        Assert.Contains("at most 256", Refused(new DefineCostCentreRule("team", new string('x', 257), "CC-1", "2026-01-01")).Errors["value"][0]);
    }

    [Fact]
    public void The_end_must_come_after_the_start()
    {
        var refusal = Refused(new DefineCostCentreRule("team", "search", "CC-1", "2026-03-01", "2026-03-01"));

        Assert.Equal(["2026-03-01 must be after effectiveFrom (2026-03-01); effectiveTo is the first day the rule no longer applies"],
            refusal.Errors["effectiveTo"]);
    }

    [Fact]
    public void Overlapping_dates_for_the_same_value_are_a_conflict_naming_the_other_rule()
    {
        var mapping = Mapping(Defined(new DefineCostCentreRule("team", "search", "CC-100", "2026-01-01")));

        var refusal = Refused(new DefineCostCentreRule("team", "search", "CC-200", "2026-07-01"), mapping);

        Assert.Equal(RefusalKind.Conflict, refusal.Kind);
        Assert.Equal(["team 'search' from 2026-07-01, open-ended overlaps rule 'ccr-1' (→ CC-100 from 2026-01-01, open-ended); " +
            "a value maps to one cost centre on any day — end or amend 'ccr-1' first"], refusal.Errors["effectiveFrom"]);
    }

    [Fact]
    public void Adjacent_dates_do_not_overlap_because_the_end_is_excluded()
    {
        var mapping = Mapping(Defined(new DefineCostCentreRule("team", "search", "CC-100", "2026-01-01", "2026-07-01")));

        var next = Defined(new DefineCostCentreRule("team", "search", "CC-200", "2026-07-01"), "ccr-2", mapping);
        var both = mapping.Apply(next);

        Assert.Equal("CC-100", both.CostCentreOn(new(2026, 6, 30)));
        Assert.Equal("CC-200", both.CostCentreOn(new(2026, 7, 1)));
        Assert.Null(both.CostCentreOn(new(2025, 12, 31)));
    }

    [Fact]
    public void The_same_definition_again_changes_nothing_and_names_the_rule_it_repeats()
    {
        var mapping = Mapping(Defined(new DefineCostCentreRule("team", "search", "CC-100", "2026-01-01")));

        var (defined, repeated, refusal) = Define(mapping, new DefineCostCentreRule("team", "search", "CC-100", "2026-01-01"), "ccr-9");

        Assert.Null(defined);
        Assert.Null(refusal);
        Assert.Equal("ccr-1", repeated?.Id);
    }

    [Fact]
    public void An_amendment_replaces_cost_centre_and_dates_checking_overlap_with_the_other_rules_only()
    {
        var mapping = Mapping(
            Defined(new DefineCostCentreRule("team", "search", "CC-100", "2026-01-01", "2026-07-01")),
            Defined(new DefineCostCentreRule("team", "search", "CC-200", "2026-07-01"), "ccr-2"));

        var (amended, refusal) = CostCentreDecisions.Amend(mapping, "ccr-1", new AmendCostCentreRule("CC-101", "2026-02-01", "2026-07-01"), "f", Now);
        Assert.Null(refusal);
        Assert.Equal(("CC-101", new EffectiveDates(new(2026, 2, 1), new(2026, 7, 1))), (amended!.Rule.CostCentre, amended.Rule.Dates));

        var (_, overlap) = CostCentreDecisions.Amend(mapping, "ccr-1", new AmendCostCentreRule("CC-101", "2026-01-01", "2026-08-01"), "f", Now);
        Assert.Equal(RefusalKind.Conflict, overlap!.Kind);
        Assert.Contains("overlaps rule 'ccr-2'", overlap.Errors["effectiveFrom"][0]);

        var (unchanged, none) = CostCentreDecisions.Amend(mapping, "ccr-1", new AmendCostCentreRule("CC-100", "2026-01-01", "2026-07-01"), "f", Now);
        Assert.Null(unchanged);
        Assert.Null(none);
    }

    [Fact]
    public void Amending_or_ending_an_unknown_rule_is_not_found()
    {
        Assert.Equal(RefusalKind.NotFound, CostCentreDecisions.Amend(null, "ccr-x", new AmendCostCentreRule("CC", "2026-01-01"), "f", Now).Refusal!.Kind);
        Assert.Equal(RefusalKind.NotFound, CostCentreDecisions.End(null, "ccr-x", new EndCostCentreRule("2026-01-01"), "f", Now).Refusal!.Kind);
    }

    [Fact]
    public void An_end_can_be_set_and_brought_forward_but_not_pushed_back()
    {
        var mapping = Mapping(Defined(new DefineCostCentreRule("team", "search", "CC-100", "2026-01-01")));

        var (ended, refusal) = CostCentreDecisions.End(mapping, "ccr-1", new EndCostCentreRule("2026-07-01"), "f", Now);
        Assert.Null(refusal);
        var endedMapping = mapping.Apply(ended!);
        Assert.Equal(new DateOnly(2026, 7, 1), endedMapping.Rules[0].Dates.To);

        Assert.Equal((null, null), CostCentreDecisions.End(endedMapping, "ccr-1", new EndCostCentreRule("2026-07-01"), "f", Now));
        Assert.NotNull(CostCentreDecisions.End(endedMapping, "ccr-1", new EndCostCentreRule("2026-05-01"), "f", Now).Ended);
        var later = CostCentreDecisions.End(endedMapping, "ccr-1", new EndCostCentreRule("2026-09-01"), "f", Now).Refusal!;
        Assert.Equal(RefusalKind.Conflict, later.Kind);
        Assert.Contains("brought forward, not pushed back", later.Errors["effectiveTo"][0]);
        Assert.Equal(RefusalKind.Invalid, CostCentreDecisions.End(endedMapping, "ccr-1", new EndCostCentreRule("2026-01-01"), "f", Now).Refusal!.Kind);
        Assert.Equal(["is required: a day like 2026-01-01"], CostCentreDecisions.End(endedMapping, "ccr-1", new EndCostCentreRule(null), "f", Now).Refusal!.Errors["effectiveTo"]);
    }
}
