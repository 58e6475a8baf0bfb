using System.Text.Json;
using AiFinOps.Allocation.Focus;
using AiFinOps.Allocation.Ledger;
using AiFinOps.Allocation.Periods;
using static AiFinOps.Allocation.Tests.Focus.DailyRows;

namespace AiFinOps.Allocation.Tests.Focus;

public sealed class FocusChargesTests
{
    private static List<FocusCharge> Charges(RollupRow row, FocusContext? context = null) =>
        FocusCharges.Of(row, context ?? Context()).ToList();

    private static FocusCharge Sku(IEnumerable<FocusCharge> charges, string tokenType) =>
        Assert.Single(charges, c => c.TokenType == tokenType);

    [Fact]
    public void A_rollup_row_becomes_one_charge_per_token_sku_with_its_tokens_and_exact_list_cost()
    {
        var charges = Charges(Row());

        Assert.Equal(["input", "cache-read", "cache-write", "output", "reasoning"], charges.Select(c => c.TokenType));
        Assert.Equal(["Input Tokens", "Cache Read Input Tokens", "Cache Write Input Tokens", "Output Tokens", "Reasoning Output Tokens"],
            charges.Select(c => c.SkuMeter));
        Assert.Equal([2_000m, 6_000m, 2_000m, 1_000m, 500m], charges.Select(c => c.ConsumedQuantity!.Value));
        Assert.Equal([0.002m, 0.006m, 0.002m, 0.001m, 0.0005m], charges.Select(c => c.PricingQuantity!.Value));
        Assert.Equal([0.006m, 0.0018m, 0.0075m, 0.015m, 0.0075m], charges.Select(c => c.ListCost));
        Assert.Equal("anthropic/claude-sonnet-4-20250514/standard/cache-read", Sku(charges, "cache-read").SkuId);
    }

    [Fact]
    public void Uncached_input_leaves_out_cache_reads_and_writes_and_output_leaves_out_reasoning()
    {
        var charges = Charges(Row(s => s with { InputTokens = 9_000, CacheReadTokens = 5_000, CacheWriteTokens = 1_000, OutputTokens = 800, ReasoningTokens = 300 }));

        Assert.Equal(3_000m, Sku(charges, "input").ConsumedQuantity);
        Assert.Equal(500m, Sku(charges, "output").ConsumedQuantity);
        Assert.Equal(300m, Sku(charges, "reasoning").ConsumedQuantity);
        Assert.Equal(9_000m + 800m, charges.Sum(c => c.ConsumedQuantity!.Value));
    }

    [Fact]
    public void Unit_prices_are_the_catalogue_rates_per_million_tokens_and_times_the_quantity_give_the_cost()
    {
        var charges = Charges(Row(s => s with { EffectiveCostUsd = s.ListCostUsd * 0.8m, BilledCostUsd = s.ListCostUsd * 0.8m }));

        Assert.Equal([3.00m, 0.30m, 3.75m, 15.00m, 15.00m], charges.Select(c => c.ListUnitPrice!.Value));
        Assert.Equal([2.40m, 0.24m, 3.00m, 12.00m, 12.00m], charges.Select(c => c.ContractedUnitPrice!.Value));
        Assert.All(charges, c =>
        {
            Assert.Equal(c.ListCost, c.ListUnitPrice * c.PricingQuantity);
            Assert.Equal(c.ContractedCost, c.ContractedUnitPrice * c.PricingQuantity);
        });
    }

    [Fact]
    public void A_percentage_discount_gives_every_sku_exactly_its_discounted_cost()
    {
        var charges = Charges(Row(s => s with { EffectiveCostUsd = s.ListCostUsd * 0.85m, BilledCostUsd = s.ListCostUsd * 0.85m }));

        Assert.All(charges, c => Assert.Equal(c.ListCost * 0.85m, c.EffectiveCost));
        Assert.All(charges, c => Assert.Equal(c.EffectiveCost, c.ContractedCost));
    }

    [Fact]
    public void List_effective_contracted_and_billed_costs_sum_exactly_to_the_rollup_row()
    {
        // 3 % off list, and the provider billed a little more than the catalogue says.
        var row = Row(s => s with { EffectiveCostUsd = 0.036666m, BilledCostUsd = 0.0371m, ReportedEvents = 2, ReportedCostUsd = 0.0371m, BilledDriftUsd = 0.000434m });

        var charges = Charges(row);

        Assert.Equal(row.Sums.ListCostUsd, charges.Sum(c => c.ListCost));
        Assert.Equal(row.Sums.EffectiveCostUsd, charges.Sum(c => c.EffectiveCost));
        Assert.Equal(row.Sums.EffectiveCostUsd, charges.Sum(c => c.ContractedCost));
        Assert.Equal(row.Sums.BilledCostUsd, charges.Sum(c => c.BilledCost));
        Assert.All(charges, c => Assert.True(c.BilledCost > c.EffectiveCost, "the drift is shared by every SKU"));
    }

    [Fact]
    public void Every_cost_sums_exactly_over_generated_rows_whatever_the_ledger_knows_of_the_split()
    {
        var random = new Random(4207);
        for (var n = 0; n < 2_000; n++)
        {
            long Tokens() => random.Next(4) == 0 ? 0 : random.Next(1, 2_000_000);
            decimal Cost(long tokens) => tokens * random.Next(1, 80_000) / 1_000_000_000m;
            var (uncached, read, write, plain, reasoning) = (Tokens(), Tokens(), Tokens(), Tokens(), Tokens());
            var split = new CostByTokenType(Cost(uncached), Cost(read), Cost(write), Cost(plain), Cost(reasoning));
            var known = random.Next(3) switch { 0 => default, 1 => split, _ => split with { Output = 0m } }; // unknown, known, partly known
            var list = split.Total + (random.Next(4) == 0 ? random.Next(-500, 500) / 100_000m : 0m);
            var effective = random.Next(3) == 0 ? list : decimal.Round(list * random.Next(50, 100) / 100m, random.Next(4, 16));
            var billed = random.Next(3) == 0 ? effective : effective + random.Next(-1_000, 1_000) / 1_000_000m;
            var row = Row(s => s with
            {
                InputTokens = uncached + read + write,
                CacheReadTokens = read,
                CacheWriteTokens = write,
                OutputTokens = plain + reasoning,
                ReasoningTokens = reasoning,
                ListCostUsd = list,
                EffectiveCostUsd = effective,
                BilledCostUsd = billed,
                ListCostByTokenType = known,
            });

            var charges = Charges(row);

            Assert.Equal(list, charges.Sum(c => c.ListCost));
            Assert.Equal(effective, charges.Sum(c => c.EffectiveCost));
            Assert.Equal(effective, charges.Sum(c => c.ContractedCost));
            Assert.Equal(billed, charges.Sum(c => c.BilledCost));
            Assert.Equal(uncached + read + write + plain + reasoning, charges.Sum(c => c.ConsumedQuantity ?? 0m));
        }
    }

    [Fact]
    public void Usage_booked_before_the_ledger_kept_the_split_is_spread_by_tokens_and_still_sums_exactly()
    {
        var row = Row(s => s with { ListCostByTokenType = default });

        var charges = Charges(row);

        Assert.Equal(5, charges.Count);
        Assert.Equal(row.Sums.ListCostUsd, charges.Sum(c => c.ListCost));
        Assert.Equal(row.Sums.ListCostUsd * 6_000m / 11_500m, Sku(charges, "cache-read").ListCost, 18);
    }

    [Fact]
    public void Unit_prices_stay_unknown_while_some_calls_of_the_charge_have_no_price()
    {
        var charges = Charges(Row(s => s with { Events = 3, UnpricedEvents = 1 }));

        Assert.All(charges, c =>
        {
            Assert.Null(c.ListUnitPrice);
            Assert.Null(c.ContractedUnitPrice);
            Assert.Contains("1 of 3 calls unpriced", c.ChargeDescription);
        });
    }

    [Fact]
    public void A_token_kind_the_calls_did_not_use_has_no_row()
    {
        var charges = Charges(Row(s => s with
        {
            InputTokens = 2_000,
            CacheReadTokens = 0,
            CacheWriteTokens = 0,
            OutputTokens = 1_000,
            ReasoningTokens = 0,
            ListCostUsd = 0.021m,
            EffectiveCostUsd = 0.021m,
            BilledCostUsd = 0.021m,
            ListCostByTokenType = new CostByTokenType(0.006m, 0m, 0m, 0.015m, 0m),
        }));

        Assert.Equal(["input", "output"], charges.Select(c => c.TokenType));
    }

    [Fact]
    public void A_regular_charge_has_no_charge_class_and_spans_its_utc_day()
    {
        var charge = Charges(Row()).First();

        Assert.Null(charge.ChargeClass);
        Assert.Equal(Day, charge.ChargePeriodStart);
        Assert.Equal(Day.AddDays(1), charge.ChargePeriodEnd);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), charge.BillingPeriodStart);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), charge.BillingPeriodEnd);
    }

    [Fact]
    public void In_an_org_time_zone_the_billing_period_is_its_month_and_edge_days_stop_at_the_period_bounds()
    {
        var context = Context(zone: Zones.Berlin);
        var first = Charges(Row(day: new DateTimeOffset(2026, 10, 31, 0, 0, 0, TimeSpan.Zero)), context).First();
        var last = Charges(Row(day: new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero)), context).First();

        Assert.Equal(new DateTimeOffset(2026, 10, 31, 23, 0, 0, TimeSpan.Zero), first.BillingPeriodStart);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero), first.BillingPeriodEnd);
        Assert.Equal(first.BillingPeriodStart, first.ChargePeriodStart);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), first.ChargePeriodEnd);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero), last.ChargePeriodStart);
        Assert.Equal(last.BillingPeriodEnd, last.ChargePeriodEnd);
    }

    [Fact]
    public void A_correction_keeps_the_day_its_usage_happened_and_is_billed_in_the_open_period()
    {
        var october = new DateTimeOffset(2026, 10, 20, 0, 0, 0, TimeSpan.Zero);
        var charge = Charges(Row(key: Key(chargeClass: ChargeClasses.Correction), day: october)).First();

        Assert.Equal("Correction", charge.ChargeClass);
        Assert.Equal(october, charge.ChargePeriodStart);
        Assert.Equal(october.AddDays(1), charge.ChargePeriodEnd);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), charge.BillingPeriodStart);
        Assert.Contains("correction", charge.ChargeDescription);
    }

    [Fact]
    public void A_correction_on_the_day_the_org_month_changes_stops_where_its_billing_period_starts()
    {
        var context = Context(zone: Zones.Berlin);
        var day = new DateTimeOffset(2026, 10, 31, 0, 0, 0, TimeSpan.Zero);

        var charge = Charges(Row(key: Key(chargeClass: ChargeClasses.Correction), day: day), context).First();

        Assert.Equal(day, charge.ChargePeriodStart);
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 23, 0, 0, TimeSpan.Zero), charge.ChargePeriodEnd);
        Assert.Equal(charge.BillingPeriodStart, charge.ChargePeriodEnd);
    }

    [Fact]
    public void A_repricing_correction_without_tokens_carries_the_cost_difference_per_sku_and_no_quantity()
    {
        var row = Row(s => new RollupSums(0, -1, 0, 0, 0, 0, 0, 0.0021m, 0.0021m, 0.0021m, 0, 0m, 0m,
            new CostByTokenType(0.0006m, 0m, 0m, 0.0015m, 0m)), key: Key(chargeClass: ChargeClasses.Correction));

        var charges = Charges(row);

        Assert.Equal(["input", "output"], charges.Select(c => c.TokenType));
        Assert.Equal([0.0006m, 0.0015m], charges.Select(c => c.ListCost));
        Assert.All(charges, c =>
        {
            Assert.Null(c.ConsumedQuantity);
            Assert.Null(c.PricingQuantity);
            Assert.Null(c.ListUnitPrice);
        });
    }

    [Fact]
    public void A_cost_that_nothing_itemises_is_one_charge_without_a_sku()
    {
        var row = Row(s => new RollupSums(0, 0, 0, 0, 0, 0, 0, -0.004m, -0.004m, -0.004m, 0, 0m, 0m),
            key: Key(chargeClass: ChargeClasses.Correction));

        var charge = Assert.Single(Charges(row));

        Assert.Null(charge.SkuId);
        Assert.Null(charge.SkuMeter);
        Assert.Null(charge.PricingQuantity);
        Assert.Equal(-0.004m, charge.ListCost);
        Assert.Equal(-0.004m, charge.BilledCost);
        Assert.Contains("not itemised by token type", charge.ChargeDescription);
    }

    [Fact]
    public void A_row_without_tokens_or_cost_exports_nothing()
    {
        Assert.Empty(Charges(Row(s => new RollupSums(0, -1, 0, 0, 0, 0, 0, 0m, 0m, 0m, 0, 0m, 0m))));
    }

    [Fact]
    public void The_team_is_the_sub_account_and_the_dimensions_are_tags_and_custom_columns()
    {
        var charge = Charges(Row(key: Key(extra: """{"customer":"acme","region":"eu-west-1"}"""))).First();

        Assert.Equal("support", charge.SubAccountId);
        Assert.Equal(("support", "triage", "prod", "cc-42"), (charge.Team, charge.Workflow, charge.Environment, charge.CostCentreTag));
        Assert.Equal("eu-west-1", charge.RegionId);
        Assert.Equal("acme", charge.ExtraDimensions["customer"]);
        Assert.Equal("""{"cost_centre":"cc-42","customer":"acme","environment":"prod","region":"eu-west-1","team":"support","workflow":"triage"}""",
            charge.Tags);
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(charge.Tags).RootElement.ValueKind);
    }

    [Fact]
    public void Without_a_region_dimension_or_cost_centre_tag_they_are_null()
    {
        var charge = Charges(Row(key: Key(costCentre: ""))).First();

        Assert.Null(charge.RegionId);
        Assert.Null(charge.CostCentreTag);
        Assert.DoesNotContain("cost_centre", charge.Tags);
    }

    [Theory]
    [InlineData("anthropic", "claude-sonnet-4-20250514", "Anthropic", "Anthropic", "Claude API")]
    [InlineData("openai", "gpt-4o-mini", "OpenAI", "OpenAI", "OpenAI API")]
    [InlineData("bedrock", "us.anthropic.claude-sonnet-4-20250514-v1:0", "AWS", "Anthropic", "Amazon Bedrock")]
    [InlineData("bedrock", "meta.llama3-70b-instruct-v1:0", "AWS", "Meta", "Amazon Bedrock")]
    [InlineData("azure-openai", "gpt-4o", "Microsoft", "OpenAI", "Azure OpenAI Service")]
    [InlineData("google", "gemini-2.5-pro", "Google", "Google", "Gemini API")]
    [InlineData("mistral", "open-mistral-nemo", "Mistral AI", "Mistral AI", "Mistral AI API")]
    [InlineData("acme", "mystery-1", "acme", "acme", "acme API")]
    public void The_provider_serves_and_invoices_and_the_publisher_made_the_model(string provider, string model,
        string providerName, string publisherName, string serviceName)
    {
        var charge = Charges(Row(key: Key(provider: provider, model: model))).First();

        Assert.Equal((providerName, publisherName, serviceName), (charge.ProviderName, charge.PublisherName, charge.ServiceName));
    }

    [Fact]
    public void The_billing_account_is_the_organisation()
    {
        var context = FocusContext.Of(November, Zones.Utc, new FocusExportOptions { BillingAccountId = "acme-corp", BillingAccountName = "Acme Corp" });

        var charge = Charges(Row(), context).First();

        Assert.Equal(("acme-corp", "Acme Corp"), (charge.BillingAccountId, charge.BillingAccountName));
        Assert.Equal(("aifinops", "aifinops"), (Context().BillingAccountId, Context().BillingAccountName));
    }
}
