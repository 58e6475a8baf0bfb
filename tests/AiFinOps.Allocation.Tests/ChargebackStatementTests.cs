using AiFinOps.Allocation.Chargeback;
using AiFinOps.Allocation.Chargeback.GettingStatements;

namespace AiFinOps.Allocation.Tests;

public sealed class ChargebackStatementTests
{
    internal static readonly StatementHeading November = new("2026-11", "UTC", new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
        new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), "open", null, null, null);

    internal static Charge Charge(string costCentre, string team, decimal cost, string workflow = "triage", string chargeClass = "Regular",
        string? sharedFrom = null, string model = "gpt-4o-mini") =>
        new(costCentre, team, workflow, "prod", "openai", model, chargeClass, sharedFrom, Rulebook.Costs(cost));

    private static readonly Charge[] Charges =
    [
        Charge("CC-Search", "search", 1.00m),
        Charge("CC-Search", "search", 2.00m, workflow: "rank"),
        Charge("CC-Search", "search-ml", 0.50m),
        Charge("CC-Growth", "growth", 4.00m),
        Charge("CC-Search", "search", 0.25m, workflow: "platform-router", sharedFrom: "workflow:platform-router"),
        Charge("CC-Growth", "growth", 0.75m, workflow: "platform-router", sharedFrom: "workflow:platform-router"),
        Charge("CC-Search", "search", -0.10m, chargeClass: "Correction"),
        Charge("(untagged)", "(untagged)", 0.30m),
    ];

    [Fact]
    public void By_default_lines_are_per_cost_centre_with_corrections_and_shares_apart_and_regular_lines_first()
    {
        var statement = ChargebackStatement.Build(November, Charges, ["cost_centre"], []);

        Assert.Equal(new[]
        {
            ("(untagged)", "Regular", (string?)null, 0.30m),
            ("CC-Growth", "Regular", null, 4.00m),
            ("CC-Growth", "Regular", "workflow:platform-router", 0.75m),
            ("CC-Search", "Regular", null, 3.50m),
            ("CC-Search", "Regular", "workflow:platform-router", 0.25m),
            ("CC-Search", "Correction", null, -0.10m),
        }, statement.Lines.Select(l => (l.Dimensions[0], l.ChargeClass, l.SharedFrom, l.Amounts.EffectiveCostUsd)));
    }

    [Fact]
    public void Totals_and_subtotals_per_charge_class_are_the_exact_sums_of_the_lines()
    {
        var statement = ChargebackStatement.Build(November, Charges, ["team", "workflow"], []);

        Assert.Equal(8.70m, statement.Totals.EffectiveCostUsd);
        Assert.Equal(8, statement.Totals.Events);
        Assert.Equal(8.80m, statement.ByChargeClass["Regular"].EffectiveCostUsd);
        Assert.Equal(-0.10m, statement.ByChargeClass["Correction"].EffectiveCostUsd);
        Assert.Equal(statement.Totals, statement.Lines.Aggregate(ChargeAmounts.Zero, (t, l) => t.Add(l.Amounts)));
    }

    [Fact]
    public void Any_dimensions_group_the_lines_in_the_order_asked()
    {
        var statement = ChargebackStatement.Build(November, Charges, ["workflow", "team"], []);

        Assert.Contains(statement.Lines, l => l.Dimensions.SequenceEqual(["rank", "search"]) && l.Amounts.EffectiveCostUsd == 2.00m);
        Assert.Equal(["workflow", "team"], statement.GroupBy);
    }

    [Fact]
    public void A_team_restricted_key_sees_only_its_teams_lines_and_totals_however_the_lines_are_grouped()
    {
        foreach (var groupBy in new[] { "cost_centre", "team", "workflow", "environment", "provider", "model" })
        {
            var statement = ChargebackStatement.Build(November, Charges, [groupBy], ["search"]);

            Assert.Equal(3.15m, statement.Totals.EffectiveCostUsd);
            Assert.Equal(["search"], statement.Teams);
            var all = ChargebackStatement.Build(November, Charges.Where(c => c.Team == "search"), [groupBy], []);
            Assert.Equal(all.Lines, statement.Lines, (a, b) => a.Dimensions.SequenceEqual(b.Dimensions) && a.Amounts == b.Amounts);
        }
        var byTeam = ChargebackStatement.Build(November, Charges, ["team"], ["search"]);
        Assert.All(byTeam.Lines, l => Assert.Equal("search", l.Dimensions[0]));
        Assert.DoesNotContain(byTeam.Lines, l => l.Dimensions.Contains("search-ml") || l.Dimensions.Contains("growth"));
    }

    [Fact]
    public void A_statement_without_charges_has_no_lines_and_zero_totals()
    {
        var statement = ChargebackStatement.Build(November, [], ["cost_centre"], []);

        Assert.Empty(statement.Lines);
        Assert.Equal(ChargeAmounts.Zero, statement.Totals);
        Assert.Equal(ChargeAmounts.Zero, statement.ByChargeClass["Correction"]);
    }

    [Fact]
    public void As_json_each_line_is_flat_with_camel_case_dimensions()
    {
        var document = ChargebackDocument.Of(ChargebackStatement.Build(November, Charges, ["cost_centre", "team"], []));

        var line = document.Lines.First(l => (string?)l["costCentre"] == "CC-Growth" && l["sharedFrom"] is null);
        Assert.Equal("growth", line["team"]);
        Assert.Equal("Regular", line["chargeClass"]);
        Assert.Equal(4.00m, line["effectiveCostUsd"]);
        Assert.Equal(1L, line["events"]);
    }
}
