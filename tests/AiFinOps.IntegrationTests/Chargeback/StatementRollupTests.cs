using System.Globalization;
using AiFinOps.Allocation;
using AiFinOps.Allocation.Chargeback;
using AiFinOps.Allocation.CostCentres;
using AiFinOps.Allocation.Ledger;
using AiFinOps.Allocation.Ledger.ClosingDays;
using AiFinOps.Allocation.Periods;
using AiFinOps.Allocation.Rules;
using AiFinOps.Allocation.SharedCosts;
using AiFinOps.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiFinOps.IntegrationTests.Chargeback;

/// <summary>
/// The statement reads <c>spend_statement_daily</c> (the daily rollup at the statement's grain) instead of grouping
/// <c>spend_daily</c> in SQL. On generated lines — service tiers, extra tag dimensions, cost-centre tags, corrections of
/// an earlier period, a time zone whose days straddle UTC days, rules that change mid-month and a shared workflow —
/// the charges must be exactly what the grouped read of the daily rollup gave, figure by figure and scale by scale.
/// </summary>
public sealed class StatementRollupTests(AiFinOpsSystem system) : IClassFixture<AiFinOpsSystem>
{
    private static readonly AllocationOptions Options = new() { TimeZone = "America/New_York", ExtraDimensions = ["product", "customer"] };
    private static readonly BillingPeriod Period = new(2031, 3);
    private static readonly DateTimeOffset At = new(2031, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_statement_rollup_allocates_exactly_what_the_grouped_daily_rollup_allocated()
    {
        await using var connection = await BookedMonthAsync();
        var rules = new AllocationRules(
        [
            Mapping("team", "search", ("CC-100 Search", new(new(2031, 1, 1), new(2031, 3, 15))), ("CC-110 Search", new(new(2031, 3, 16), null))),
            Mapping("team", "growth", ("CC-200 Growth", new(new(2031, 1, 1), null))),
            Mapping("product", "checkout", ("CC-500 Checkout", new(new(2031, 3, 10), null))),
            Mapping("cost_centre_tag", "cc-legacy-7", ("CC-700 Legacy", new(new(2031, 1, 1), null))),
        ],
        [
            new SharedCostSource(SharedCostSource.StreamKey("workflow", "platform-router"), "workflow", "platform-router",
                [new SharedCostRule("scr-router", "workflow", "platform-router", SplitMethods.Proportional, [],
                    new EffectiveDates(new(2031, 3, 5), new(2031, 3, 25)), "test", At)]),
        ]);

        var charges = new PeriodCharges(Microsoft.Extensions.Options.Options.Create(Options));
        var now = await charges.AllocateAsync(Period, rules, connection, null, default);
        var before = await GroupedDailyAllocationAsync(connection, rules);

        Assert.True(before.Count > 50, $"only {before.Count} charges: the generated month is too simple to compare");
        Assert.Contains(before, c => c.SharedFrom is not null);
        Assert.Contains(before, c => c.ChargeClass == Charge.Correction);
        Assert.Equal(Exactly(before), Exactly(now));

        // With the month's first half closed (its rows read from the statement rollup, the rest summed from hourly rows): the same charges.
        await CloseFirstHalfAsync();
        Assert.Equal(Exactly(before), Exactly(await charges.AllocateAsync(Period, rules, connection, null, default)));
        Assert.Equal(Exactly(before), Exactly(await GroupedDailyAllocationAsync(connection, rules)));
    }

    [Fact]
    public async Task A_statement_rollup_out_of_step_with_the_daily_rollup_is_refilled_from_it_and_one_in_step_is_left_alone()
    {
        await using var connection = await BookedMonthAsync();
        await CloseFirstHalfAsync(); // the daily rollups hold closed days only
        Assert.False(await LedgerProjection.FillStatementRollupAsync(connection, default)); // booked through the projection: in step
        var inStep = await StatementRowsAsync(connection);
        await using (var wipe = new NpgsqlCommand($"DELETE FROM allocation.{LedgerTables.Statement} WHERE ctid IN (SELECT ctid FROM allocation.{LedgerTables.Statement} LIMIT 5)", connection))
        {
            await wipe.ExecuteNonQueryAsync();
        }

        Assert.True(await LedgerProjection.FillStatementRollupAsync(connection, default));
        Assert.Equal(inStep, await StatementRowsAsync(connection));
        Assert.False(await LedgerProjection.FillStatementRollupAsync(connection, default));
    }

    private Task<int> CloseFirstHalfAsync() =>
        system.Allocation.Services.GetRequiredService<DailyRollupCloser>().CloseBeforeAsync(new(2031, 3, 16, 0, 0, 0, TimeSpan.Zero), default);

    /// <summary>The generated month booked through the ledger projection (once: a line already booked is skipped).</summary>
    private async Task<NpgsqlConnection> BookedMonthAsync()
    {
        var connection = new NpgsqlConnection(system.DatabaseConnection);
        await connection.OpenAsync();
        var projection = new LedgerProjection(Microsoft.Extensions.Options.Options.Create(Options));
        foreach (var page in GeneratedLines(3_000, seed: 7).Chunk(500))
        {
            await using var transaction = await connection.BeginTransactionAsync();
            var inserted = await projection.InsertNewLinesAsync(connection, transaction, page, DateTimeOffset.UtcNow, default);
            await projection.AddToRollupsAsync(connection, transaction, inserted, default);
            await transaction.CommitAsync();
        }
        return connection;
    }

    /// <summary>
    /// The computation the statement used before the statement rollup: GROUP BY over the daily rollup (with its open
    /// days from the hourly rollup — March 2031 is years ahead, so it is open until a test closes it).
    /// </summary>
    private static async Task<IReadOnlyList<Charge>> GroupedDailyAllocationAsync(NpgsqlConnection connection, AllocationRules rules)
    {
        var costCentres = new CostCentreResolution(rules.CostCentres, Options.ExtraDimensions);
        var extra = costCentres.RuledExtraDimensions;
        const int keys = 8;
        var extraColumns = string.Concat(extra.Select((_, i) => $", coalesce(extra ->> @x{i}, '')"));
        await using var command = new NpgsqlCommand($"""
            SELECT bucket, charge_class, team, workflow, environment, provider, model, cost_centre_tag{extraColumns},
                   sum(list_cost_usd), sum(effective_cost_usd), sum(billed_cost_usd), sum(events)::bigint, sum(unpriced_events)::bigint,
                   sum(input_tokens)::bigint, sum(output_tokens)::bigint, sum(cache_read_tokens)::bigint,
                   sum(cache_write_tokens)::bigint, sum(reasoning_tokens)::bigint
            FROM {LedgerTables.EveryDay("allocation")} AS every_day
            WHERE billing_period = @period
            GROUP BY {string.Join(", ", Enumerable.Range(1, keys + extra.Count))}
            """, connection);
        command.Parameters.AddWithValue("period", Period.ToString());
        for (var i = 0; i < extra.Count; i++) command.Parameters.AddWithValue($"x{i}", extra[i]);
        await using var snapshot = await ClosedDays.BeginSnapshotAsync(connection, default);
        command.Transaction = snapshot;
        await ClosedDays.AddClosedThroughAsync(command, connection, snapshot, default);
        var days = new StatementDays(Period, Options.Zone);
        var rows = new List<DailySpend>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < extra.Count; i++) values[extra[i]] = reader.GetString(keys + i);
                var n = keys + extra.Count;
                rows.Add(new DailySpend(days.Of(new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero)),
                    reader.GetString(1) == ChargeClasses.Correction ? Charge.Correction : Charge.Regular,
                    reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7), values,
                    new ChargeAmounts(reader.GetDecimal(n), reader.GetDecimal(n + 1), reader.GetDecimal(n + 2), reader.GetInt64(n + 3),
                        reader.GetInt64(n + 4), reader.GetInt64(n + 5), reader.GetInt64(n + 6), reader.GetInt64(n + 7), reader.GetInt64(n + 8),
                        reader.GetInt64(n + 9))));
            }
        }
        return ChargeAllocation.Allocate(rows, costCentres, new SharedCostBook(rules.SharedCosts));
    }

    /// <summary>Every charge as text, decimals as written (so 1.50 and 1.5 differ), in a fixed order.</summary>
    private static List<string> Exactly(IEnumerable<Charge> charges) =>
        [.. charges.Select(c => string.Join("|", c.CostCentre, c.Team, c.Workflow, c.Environment, c.Provider, c.Model, c.ChargeClass,
            c.SharedFrom ?? "-", Text(c.Amounts.ListCostUsd), Text(c.Amounts.EffectiveCostUsd), Text(c.Amounts.BilledCostUsd),
            c.Amounts.Events, c.Amounts.UnpricedEvents, c.Amounts.InputTokens, c.Amounts.OutputTokens, c.Amounts.CacheReadTokens,
            c.Amounts.CacheWriteTokens, c.Amounts.ReasoningTokens)).Order(StringComparer.Ordinal)];

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static async Task<List<string>> StatementRowsAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand($"SELECT * FROM allocation.{LedgerTables.Statement} ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        Assert.NotEmpty(rows);
        return rows;
    }

    /// <summary>Seeded lines of March 2031 (a few of them corrections of February) with uneven decimal scales.</summary>
    private static IEnumerable<LedgerLine> GeneratedLines(int count, int seed)
    {
        var random = new Random(seed);
        string[] teams = ["search", "growth", "support", "platform", "(untagged)"];
        string[] workflows = ["triage", "ranking", "platform-router", "summarise"];
        string[] tiers = ["standard", "batch", "priority"];
        string[] products = ["", "checkout", "catalogue"];
        for (var i = 0; i < count; i++)
        {
            var correction = random.Next(20) == 0;
            var occurred = correction
                ? new DateTimeOffset(2031, 2, 27, 0, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(3 * 24 * 60))
                : new DateTimeOffset(2031, 3, 1, 5, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(31 * 24 * 60));
            var tags = new Dictionary<string, string>();
            if (products[random.Next(products.Length)] is { Length: > 0 } product) tags["product"] = product;
            if (random.Next(6) == 0) tags["customer"] = "acme";
            if (random.Next(9) == 0) tags[LedgerLine.CostCentreTag] = random.Next(2) == 0 ? "cc-legacy-7" : "CC-900 Research";
            // Costs at 2 to 9 decimal places, so scales of sums and splits are exercised.
            var cost = Math.Round(random.Next(1, 5_000_000) / 1_000_000m, random.Next(2, 10));
            var input = random.Next(10, 40_000);
            yield return new LedgerLine(
                LineId: $"statement-rollup-{seed}-{i}", EventId: $"statement-rollup-{seed}-{i}", Kind: LineKinds.Usage,
                BillingPeriod: Period.ToString(), ChargeClass: correction ? ChargeClasses.Correction : ChargeClasses.Regular,
                OccurredAt: occurred, Provider: "openai", Model: random.Next(2) == 0 ? "gpt-4o" : "gpt-4o-mini", CatalogueKeys: ["gpt-4o"],
                ServiceTier: tiers[random.Next(tiers.Length)], Team: teams[random.Next(teams.Length)],
                Workflow: workflows[random.Next(workflows.Length)], Environment: random.Next(3) == 0 ? "staging" : "prod",
                Tags: tags, RunId: "", RecordedBy: "test", Events: 1, UnpricedEvents: random.Next(15) == 0 ? 1 : 0,
                InputTokens: input, OutputTokens: random.Next(1, 3_000), CacheReadTokens: random.Next(0, input / 2), CacheWriteTokens: random.Next(0, 50),
                ReasoningTokens: random.Next(0, 100), Priced: true, PriceReference: null, DiscountReference: null,
                ListCostUsd: cost * 1.25m, EffectiveCostUsd: cost, BilledCostUsd: random.Next(4) == 0 ? cost + 0.01m : cost,
                ReportedCostUsd: null, BilledDriftUsd: null);
        }
    }

    private static CostCentreMapping Mapping(string dimension, string value, params (string CostCentre, EffectiveDates Dates)[] rules) =>
        new(CostCentreMapping.StreamKey(dimension, value), dimension, value,
            [.. rules.Select((r, i) => new CostCentreRule($"ccr-{dimension}-{value}-{i}", dimension, value, r.CostCentre, r.Dates, "test", At))]);
}
