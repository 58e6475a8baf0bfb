using AiFinOps.Allocation.CostCentres;
using static AiFinOps.Allocation.Tests.Rulebook;

namespace AiFinOps.Allocation.Tests;

public sealed class CostCentreResolutionTests
{
    private static readonly DateOnly Day = new(2026, 11, 15);
    private static readonly Dictionary<string, string> NoTags = [];

    private static readonly CostCentreResolution Rules = new(
    [
        Maps("team", "search", ("CC-Search", From(2026, 1, 1))),
        Maps("product", "checkout", ("CC-Checkout", From(2026, 1, 1))),
        Maps("customer", "acme", ("CC-Acme", From(2026, 1, 1))),
        Maps("cost_centre_tag", "cc-42", ("Marketing EMEA", From(2026, 1, 1))),
    ], ["product", "customer"]);

    [Fact]
    public void The_calls_own_cost_centre_tag_wins_over_every_rule()
    {
        Assert.Equal("CC-Finance", Rules.Resolve(Day, "search", "CC-Finance", new Dictionary<string, string> { ["product"] = "checkout" }));
    }

    [Fact]
    public void A_cost_centre_tag_value_that_a_rule_maps_is_translated()
    {
        Assert.Equal("Marketing EMEA", Rules.Resolve(Day, "search", "cc-42", NoTags));
    }

    [Fact]
    public void A_tag_value_rule_wins_over_the_team_rule_in_the_configured_order_of_dimensions()
    {
        Assert.Equal("CC-Checkout", Rules.Resolve(Day, "search", "", new Dictionary<string, string> { ["product"] = "checkout" }));
        Assert.Equal("CC-Checkout", Rules.Resolve(Day, "search", "", new Dictionary<string, string> { ["customer"] = "acme", ["product"] = "checkout" }));
        Assert.Equal("CC-Acme", Rules.Resolve(Day, "search", "", new Dictionary<string, string> { ["customer"] = "acme", ["product"] = "other" }));
    }

    [Fact]
    public void The_team_rule_applies_when_no_tag_decides_and_unmapped_spend_is_unassigned()
    {
        Assert.Equal("CC-Search", Rules.Resolve(Day, "search", "", new Dictionary<string, string> { ["product"] = "" }));
        Assert.Equal("(unassigned)", Rules.Resolve(Day, "growth", "", NoTags));
    }

    [Fact]
    public void Spend_without_a_team_keeps_its_own_untagged_line_unless_a_tag_names_its_cost_centre()
    {
        Assert.Equal("(untagged)", Rules.Resolve(Day, "(untagged)", "", NoTags));
        Assert.Equal("CC-Checkout", Rules.Resolve(Day, "(untagged)", "", new Dictionary<string, string> { ["product"] = "checkout" }));
        Assert.Equal("CC-X", Rules.Resolve(Day, "(untagged)", "CC-X", NoTags));
    }

    [Fact]
    public void The_rule_in_force_that_day_applies()
    {
        var moving = new CostCentreResolution(
        [
            Maps("team", "search", ("CC-Old", From(2026, 1, 1, new DateOnly(2026, 11, 15))), ("CC-New", From(2026, 11, 15))),
        ], []);

        Assert.Equal("CC-Old", moving.OfTeam("search", new DateOnly(2026, 11, 14)));
        Assert.Equal("CC-New", moving.OfTeam("search", new DateOnly(2026, 11, 15)));
        Assert.Equal("(unassigned)", moving.OfTeam("search", new DateOnly(2025, 12, 31)));
    }

    [Fact]
    public void A_rule_on_a_dimension_no_longer_configured_is_not_applied()
    {
        var resolution = new CostCentreResolution([Maps("product", "checkout", ("CC-Checkout", From(2026, 1, 1)))], []);

        Assert.Equal("(unassigned)", resolution.Resolve(Day, "growth", "", new Dictionary<string, string> { ["product"] = "checkout" }));
        Assert.Empty(resolution.RuledExtraDimensions);
        Assert.Equal(["product"], new CostCentreResolution([Maps("product", "checkout", ("CC", From(2026, 1, 1)))], ["customer", "product"]).RuledExtraDimensions);
    }
}
