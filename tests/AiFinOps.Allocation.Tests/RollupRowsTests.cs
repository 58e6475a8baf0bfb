using System.Text.Json;
using AiFinOps.Allocation.Ledger;

namespace AiFinOps.Allocation.Tests;

public sealed class RollupRowsTests
{
    private static readonly IReadOnlyList<string> NoExtra = [];

    private static IReadOnlyList<RollupRow> Hourly(params LedgerLine[] lines) => RollupRows.Sum(lines, NoExtra, RollupRows.Hour);

    private static IReadOnlyList<RollupRow> Daily(params LedgerLine[] lines) => RollupRows.Sum(lines, NoExtra, RollupRows.Day);

    private static Dictionary<string, string> Tags(params (string Key, string Value)[] tags) =>
        tags.ToDictionary(t => t.Key, t => t.Value);

    [Fact]
    public void No_lines_make_no_rows()
    {
        Assert.Empty(Hourly());
        Assert.Empty(Daily());
    }

    [Fact]
    public void Lines_of_one_hour_and_key_sum_into_one_row()
    {
        var row = Assert.Single(Hourly(
            Lines.Usage("evt-1"),
            Lines.Usage("evt-2", at: Lines.At.AddMinutes(30)) with
            {
                InputTokens = 50,
                OutputTokens = 7,
                CacheReadTokens = 3,
                CacheWriteTokens = 2,
                ReasoningTokens = 1,
                ListCostUsd = 0.5m,
                EffectiveCostUsd = 0.4m,
                BilledCostUsd = 0.45m,
                ReportedCostUsd = 0.45m,
                BilledDriftUsd = 0.05m,
            }));

        Assert.Equal(new DateTimeOffset(2026, 11, 15, 9, 0, 0, TimeSpan.Zero), row.Bucket);
        Assert.Equal(new RollupSums(
            Events: 2, UnpricedEvents: 0, InputTokens: 1_050, OutputTokens: 207, CacheReadTokens: 303, CacheWriteTokens: 42,
            ReasoningTokens: 6, ListCostUsd: 0.506m, EffectiveCostUsd: 0.406m, BilledCostUsd: 0.456m, ReportedEvents: 1,
            ReportedCostUsd: 0.45m, BilledDriftUsd: 0.05m), row.Sums);
    }

    [Fact]
    public void Costs_sum_exactly_in_decimal()
    {
        var tenths = Enumerable.Range(0, 3).Select(i => Lines.Usage($"evt-{i}") with
        {
            ListCostUsd = 0.1m,
            EffectiveCostUsd = 0.1m,
            BilledCostUsd = 0.1m,
        });
        var tiny = Enumerable.Range(0, 10_000).Select(i => Lines.Usage($"tiny-{i}") with
        {
            ListCostUsd = 0.0000001m,
            EffectiveCostUsd = 0.0000001m,
            BilledCostUsd = 0.0000003m,
        });

        var row = Assert.Single(RollupRows.Sum([.. tenths, .. tiny], NoExtra, RollupRows.Hour));

        Assert.Equal(0.301m, row.Sums.ListCostUsd);
        Assert.Equal(0.301m, row.Sums.EffectiveCostUsd);
        Assert.Equal(0.303m, row.Sums.BilledCostUsd);
        Assert.Equal(10_003L, row.Sums.Events);
    }

    [Fact]
    public void Hour_buckets_keep_the_hours_of_a_day_apart()
    {
        var rows = Hourly(
            Lines.Usage("evt-1", at: new DateTimeOffset(2026, 11, 15, 9, 10, 0, TimeSpan.Zero)),
            Lines.Usage("evt-2", at: new DateTimeOffset(2026, 11, 15, 9, 59, 59, TimeSpan.Zero)),
            Lines.Usage("evt-3", at: new DateTimeOffset(2026, 11, 15, 10, 0, 0, TimeSpan.Zero)));

        Assert.Equal(
            [(new DateTimeOffset(2026, 11, 15, 9, 0, 0, TimeSpan.Zero), 2L), (new DateTimeOffset(2026, 11, 15, 10, 0, 0, TimeSpan.Zero), 1L)],
            rows.OrderBy(r => r.Bucket).Select(r => (r.Bucket, r.Sums.Events)));
    }

    [Fact]
    public void Day_buckets_join_the_hours_of_a_UTC_day()
    {
        var rows = Daily(
            Lines.Usage("evt-1", at: new DateTimeOffset(2026, 11, 15, 0, 0, 0, TimeSpan.Zero)),
            Lines.Usage("evt-2", at: new DateTimeOffset(2026, 11, 15, 9, 10, 0, TimeSpan.Zero)),
            Lines.Usage("evt-3", at: new DateTimeOffset(2026, 11, 15, 23, 59, 59, TimeSpan.Zero)),
            Lines.Usage("evt-4", at: new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.Zero)));

        Assert.Equal(
            [(new DateTimeOffset(2026, 11, 15, 0, 0, 0, TimeSpan.Zero), 3L), (new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.Zero), 1L)],
            rows.OrderBy(r => r.Bucket).Select(r => (r.Bucket, r.Sums.Events)));
    }

    [Fact]
    public void Buckets_are_UTC_whatever_the_offset_of_the_instant()
    {
        // 01:30 at UTC+2 on the 15th is 23:30 UTC on the 14th.
        var at = new DateTimeOffset(2026, 11, 15, 1, 30, 0, TimeSpan.FromHours(2));

        Assert.Equal(new DateTimeOffset(2026, 11, 14, 23, 0, 0, TimeSpan.Zero), RollupRows.Hour(at));
        Assert.Equal(new DateTimeOffset(2026, 11, 14, 0, 0, 0, TimeSpan.Zero), RollupRows.Day(at));
        Assert.Equal(TimeSpan.Zero, RollupRows.Hour(at).Offset);
        Assert.Equal(TimeSpan.Zero, RollupRows.Day(at).Offset);
    }

    [Fact]
    public void An_hour_bucket_drops_minutes_seconds_and_fractions()
    {
        var almostTen = new DateTimeOffset(2026, 11, 15, 10, 0, 0, TimeSpan.Zero).AddTicks(-1);

        Assert.Equal(new DateTimeOffset(2026, 11, 15, 9, 0, 0, TimeSpan.Zero), RollupRows.Hour(almostTen));
        Assert.Equal(new DateTimeOffset(2026, 11, 15, 0, 0, 0, TimeSpan.Zero), RollupRows.Day(almostTen));
    }

    public static TheoryData<string, Func<LedgerLine, LedgerLine>> KeyChanges => new()
    {
        { "billing period", l => l with { BillingPeriod = "2026-12" } },
        { "charge class", l => l with { ChargeClass = ChargeClasses.Correction } },
        { "team", l => l with { Team = "billing" } },
        { "workflow", l => l with { Workflow = "summarise" } },
        { "environment", l => l with { Environment = "staging" } },
        { "provider", l => l with { Provider = "openai" } },
        { "model", l => l with { Model = "gpt-4o" } },
        { "service tier", l => l with { ServiceTier = "batch" } },
        { "cost centre tag", l => l with { Tags = new Dictionary<string, string> { [LedgerLine.CostCentreTag] = "cc-7" } } },
        { "extra dimension", l => l with { Tags = new Dictionary<string, string> { ["product"] = "search" } } },
    };

    [Theory]
    [MemberData(nameof(KeyChanges))]
    public void Lines_differing_in_one_key_dimension_are_separate_rows(string dimension, Func<LedgerLine, LedgerLine> change)
    {
        var rows = RollupRows.Sum([Lines.Usage("evt-1"), change(Lines.Usage("evt-2"))], ["product"], RollupRows.Hour);

        Assert.True(rows.Count == 2, $"lines differing in {dimension} were summed together");
        Assert.All(rows, r => Assert.Equal(1L, r.Sums.Events));
    }

    [Fact]
    public void Lines_differing_only_in_what_is_no_dimension_share_a_row()
    {
        var rows = RollupRows.Sum([
            Lines.Usage("evt-1", tags: Tags(("ticket", "T-1"))) with { RunId = "run-1", RecordedBy = "key-a", PriceReference = "a" },
            Lines.Usage("evt-2", tags: Tags(("ticket", "T-2"))) with { RunId = "run-2", RecordedBy = "key-b", PriceReference = "b" },
        ], ["product"], RollupRows.Hour);

        Assert.Equal(2L, Assert.Single(rows).Sums.Events);
    }

    [Fact]
    public void The_key_carries_the_line_dimensions_and_its_cost_centre_tag()
    {
        var line = Lines.Usage(tags: Tags((LedgerLine.CostCentreTag, "cc-42"))) with { ChargeClass = ChargeClasses.Correction };

        Assert.Equal(
            new RollupKey("2026-11", ChargeClasses.Correction, "support", "triage", "prod", "anthropic", "claude-sonnet-4-20250514",
                "standard", "cc-42", "{}"),
            RollupRows.KeyOf(line, NoExtra));
    }

    [Fact]
    public void Extra_dimensions_are_canonical_JSON_with_keys_in_ordinal_order()
    {
        var line = Lines.Usage(tags: Tags(("region", "eu"), ("product", "search"), ("customer", "acme"), ("ticket", "T-1")));

        Assert.Equal("""{"customer":"acme","product":"search","region":"eu"}""",
            RollupRows.KeyOf(line, ["region", "product", "customer"]).Extra);
    }

    [Fact]
    public void Extra_dimensions_give_one_key_whatever_the_order_of_tags_and_configuration()
    {
        var one = Lines.Usage("evt-1", tags: Tags(("product", "search"), ("customer", "acme")));
        var other = Lines.Usage("evt-2", tags: Tags(("customer", "acme"), ("product", "search")));

        Assert.Equal(RollupRows.KeyOf(one, ["product", "customer"]), RollupRows.KeyOf(other, ["customer", "product"]));
        Assert.Single(RollupRows.Sum([one, other], ["product", "customer"], RollupRows.Day));
    }

    [Fact]
    public void Extra_dimensions_a_line_has_no_tag_for_are_left_out()
    {
        var line = Lines.Usage(tags: Tags(("product", "search")));

        Assert.Equal("""{"product":"search"}""", RollupRows.KeyOf(line, ["product", "customer"]).Extra);
        Assert.Equal("{}", RollupRows.KeyOf(line, NoExtra).Extra);
    }

    [Theory]
    [InlineData("say \"hi\"\\now")]
    [InlineData("Zürich & <Genève>")]
    [InlineData("")]
    public void Extra_dimension_values_are_kept_exactly_as_JSON_strings(string value)
    {
        var line = Lines.Usage(tags: Tags(("product", value)));

        using var extra = JsonDocument.Parse(RollupRows.KeyOf(line, ["product"]).Extra);
        Assert.Equal(value, extra.RootElement.GetProperty("product").GetString());
    }

    [Fact]
    public void Reported_events_count_only_lines_with_a_reported_cost()
    {
        var row = Assert.Single(Hourly(
            Lines.Usage("evt-1") with { ReportedCostUsd = 0.01m, BilledDriftUsd = -0.002m },
            Lines.Usage("evt-2") with { ReportedCostUsd = 0m, BilledDriftUsd = 0m },
            Lines.Usage("evt-3")));

        Assert.Equal(2L, row.Sums.ReportedEvents);
        Assert.Equal(0.01m, row.Sums.ReportedCostUsd);
        Assert.Equal(-0.002m, row.Sums.BilledDriftUsd);
        Assert.Equal(3L, row.Sums.Events);
    }

    [Fact]
    public void A_repricing_line_nets_out_the_unpriced_event_it_priced()
    {
        var unpriced = Lines.Usage("evt-1") with
        {
            Priced = false,
            UnpricedEvents = 1,
            ListCostUsd = 0m,
            EffectiveCostUsd = 0m,
            BilledCostUsd = 0m,
        };
        var repricing = Lines.Usage("evt-1") with
        {
            LineId = "evt-1/repriced",
            Kind = LineKinds.Repricing,
            Events = 0,
            UnpricedEvents = -1,
            InputTokens = 0,
            OutputTokens = 0,
            CacheReadTokens = 0,
            CacheWriteTokens = 0,
            ReasoningTokens = 0,
            ListCostUsd = 0.012m,
            EffectiveCostUsd = 0.010m,
            BilledCostUsd = 0.010m,
        };

        var sums = Assert.Single(Hourly(unpriced, repricing)).Sums;

        Assert.Equal((1L, 0L), (sums.Events, sums.UnpricedEvents));
        Assert.Equal((0.012m, 0.010m, 0.010m), (sums.ListCostUsd, sums.EffectiveCostUsd, sums.BilledCostUsd));
        Assert.Equal(1_000L, sums.InputTokens);
    }

    [Fact]
    public void Rows_keep_every_line_exactly_once_in_hour_and_day_buckets()
    {
        var random = new Random(20261115);
        string[] teams = ["support", "billing", "search"];
        string[] products = ["helpdesk", "assistant"];
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var lines = Enumerable.Range(0, 2_000).Select(i => Lines.Usage(
                $"evt-{i}",
                at: start.AddSeconds(random.Next(0, 3 * 24 * 3600)),
                tags: random.Next(3) == 0 ? Tags() : Tags(("product", products[random.Next(products.Length)]))) with
        {
            Team = teams[random.Next(teams.Length)],
            InputTokens = random.Next(0, 100_000),
            ListCostUsd = random.Next(0, 1_000_000) / 10_000_000m,
            EffectiveCostUsd = random.Next(0, 1_000_000) / 10_000_000m,
            BilledCostUsd = random.Next(0, 1_000_000) / 10_000_000m,
        }).ToList();

        foreach (var bucket in new Func<DateTimeOffset, DateTimeOffset>[] { RollupRows.Hour, RollupRows.Day })
        {
            var rows = RollupRows.Sum(lines, ["product"], bucket);

            Assert.Equal(rows.Count, rows.Select(r => (r.Bucket, r.Key)).Distinct().Count());
            Assert.Equal(lines.Count, rows.Sum(r => r.Sums.Events));
            Assert.Equal(lines.Sum(l => l.InputTokens), rows.Sum(r => r.Sums.InputTokens));
            Assert.Equal(lines.Sum(l => l.ListCostUsd), rows.Sum(r => r.Sums.ListCostUsd));
            Assert.Equal(lines.Sum(l => l.EffectiveCostUsd), rows.Sum(r => r.Sums.EffectiveCostUsd));
            Assert.Equal(lines.Sum(l => l.BilledCostUsd), rows.Sum(r => r.Sums.BilledCostUsd));
            var linesOfRow = lines.ToLookup(l => (bucket(l.OccurredAt), RollupRows.KeyOf(l, ["product"])));
            foreach (var row in rows)
            {
                var own = linesOfRow[(row.Bucket, row.Key)].ToList();
                Assert.Equal(own.Count, row.Sums.Events);
                Assert.Equal(own.Sum(l => l.BilledCostUsd), row.Sums.BilledCostUsd);
            }
        }
    }

    [Fact]
    public void Statement_rows_sum_the_service_tiers_of_a_day_and_key_and_keep_everything_else_apart()
    {
        var daily = Daily(
            Lines.Usage("evt-1"),
            Lines.Usage("evt-2") with { ServiceTier = "batch", EffectiveCostUsd = 0.003m },
            Lines.Usage("evt-3") with { Team = "growth" },
            Lines.Usage("evt-4", at: Lines.At.AddDays(1)));

        var rows = RollupRows.StatementRows(daily);

        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal("", r.Key.ServiceTier));
        var support = Assert.Single(rows, r => r.Key.Team == "support" && r.Bucket == RollupRows.Day(Lines.At));
        Assert.Equal((2L, 0.009m, 2_000L), (support.Sums.Events, support.Sums.EffectiveCostUsd, support.Sums.InputTokens));
    }
}
