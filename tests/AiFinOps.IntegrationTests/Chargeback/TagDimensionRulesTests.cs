using AiFinOps.Allocation;
using AiFinOps.Allocation.Chargeback;
using AiFinOps.Allocation.CostCentres;
using AiFinOps.Allocation.Ledger;
using AiFinOps.Allocation.Periods;
using AiFinOps.Allocation.Rules;
using AiFinOps.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiFinOps.IntegrationTests.Chargeback;

/// <summary>
/// Rules on configured extra tag dimensions, read from the statement rollup's <c>extra</c> column in SQL. The daily
/// rollup rows are written directly here (the shared test hosts run without extra dimensions configured) and the
/// statement rollup filled from them.
/// </summary>
public sealed class TagDimensionRulesTests(AiFinOpsSystem system) : IClassFixture<AiFinOpsSystem>
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Tag_dimension_rules_are_applied_in_configured_order_and_summed_exactly_from_the_daily_rollup()
    {
        await using var connection = new NpgsqlConnection(system.DatabaseConnection);
        await connection.OpenAsync();
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO allocation.spend_daily (bucket, billing_period, charge_class, team, workflow, environment, provider, model,
                service_tier, cost_centre_tag, extra, events, input_tokens, list_cost_usd, effective_cost_usd, billed_cost_usd)
            VALUES ('2026-03-02', '2026-03', '', 'search', 'triage', 'prod', 'openai', 'gpt-4o-mini', 'standard', '', '{"product": "checkout"}', 2, 100, 1.10, 1.00, 1.00),
                   ('2026-03-02', '2026-03', '', 'search', 'triage', 'prod', 'openai', 'gpt-4o-mini', 'batch', '', '{"product": "checkout"}', 1, 50, 0.55, 0.50, 0.50),
                   ('2026-03-03', '2026-03', '', 'search', 'triage', 'prod', 'openai', 'gpt-4o-mini', 'standard', '', '{"customer": "acme", "product": "other"}', 4, 10, 0.04, 0.04, 0.04),
                   ('2026-03-03', '2026-03', '', 'search', 'triage', 'prod', 'openai', 'gpt-4o-mini', 'standard', '', '{}', 8, 20, 0.08, 0.08, 0.08),
                   ('2026-03-20', '2026-03', '', 'search', 'triage', 'prod', 'openai', 'gpt-4o-mini', 'standard', '', '{"product": "checkout"}', 16, 40, 0.16, 0.16, 0.16),
                   ('2026-02-27', '2026-03', 'Correction', 'growth', 'triage', 'prod', 'openai', 'gpt-4o-mini', 'standard', '', '{"product": "checkout"}', 1, 1, 0.01, 0.01, 0.01)
            """, connection))
        {
            await insert.ExecuteNonQueryAsync();
        }
        // Written around the projection: the statement rollup is brought in step as a ledger from before it existed is.
        await LedgerProjection.FillStatementRollupAsync(connection, default);
        var rules = new AllocationRules(
        [
            Mapping("product", "checkout", "CC-Checkout", new EffectiveDates(new(2026, 1, 1), new(2026, 3, 15))),
            Mapping("customer", "acme", "CC-Acme", new EffectiveDates(new(2026, 1, 1), null)),
            Mapping("team", "search", "CC-Search", new EffectiveDates(new(2026, 1, 1), null)),
        ], []);
        var charges = new PeriodCharges(Options.Create(new AllocationOptions { ExtraDimensions = ["product", "customer"] }));

        var allocated = await charges.AllocateAsync(new BillingPeriod(2026, 3), rules, connection, null, default);

        var byCostCentre = allocated.GroupBy(c => (c.CostCentre, c.ChargeClass))
            .ToDictionary(g => g.Key, g => g.Aggregate(ChargeAmounts.Zero, (a, c) => a.Add(c.Amounts)));
        Assert.Equal((1.50m, 3L), (byCostCentre[("CC-Checkout", "Regular")].EffectiveCostUsd, byCostCentre[("CC-Checkout", "Regular")].Events));
        Assert.Equal(0.04m, byCostCentre[("CC-Acme", "Regular")].EffectiveCostUsd);
        // No tag, or a checkout call after the product rule ended: the team's rule.
        Assert.Equal((0.24m, 24L), (byCostCentre[("CC-Search", "Regular")].EffectiveCostUsd, byCostCentre[("CC-Search", "Regular")].Events));
        Assert.Equal(0.01m, byCostCentre[("CC-Checkout", "Correction")].EffectiveCostUsd);
        Assert.Equal(1.79m, allocated.Sum(c => c.Amounts.EffectiveCostUsd));
        Assert.Equal(1.94m, allocated.Sum(c => c.Amounts.ListCostUsd));
    }

    private static CostCentreMapping Mapping(string dimension, string value, string costCentre, EffectiveDates dates) =>
        new(CostCentreMapping.StreamKey(dimension, value), dimension, value,
            [new CostCentreRule($"ccr-{dimension}-{value}", dimension, value, costCentre, dates, "test", At)]);
}
