using System.Globalization;
using System.Net;
using AiFinOps.Allocation.Chargeback;
using AiFinOps.IntegrationTests.Infrastructure;
using static AiFinOps.IntegrationTests.Chargeback.ChargebackApi;

namespace AiFinOps.IntegrationTests.Chargeback;

/// <summary>
/// On generated usage booked through gRPC, ingest and the bus: the statement of every grouping sums exactly to the
/// ledger lines of the billing period and to <c>/api/v1/spend</c> for it, shared costs are split without losing a
/// cent, untagged and unassigned spend keep their own lines, and the CSV says the same as the JSON.
/// </summary>
public sealed class ChargebackInvariantTests(AiFinOpsSystem system) : IClassFixture<AiFinOpsSystem>, IAsyncLifetime
{
    private const string Admin = AiFinOpsSystem.AdminKey;
    private const int Calls = 600;
    private static readonly DateTimeOffset At = DateTimeOffset.UtcNow.AddMinutes(-2);
    private static readonly string ThisPeriod = Period(At);
    private static readonly string FirstDay = At.UtcDateTime.ToString("yyyy-MM-01", CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        if (await LedgerAsync(system.DatabaseConnection, ThisPeriod) is { Events: Calls }) return; // the class's first test booked it
        await DefineCostCentreRuleAsync(system.Allocation, Admin, "team", "search", "CC-100 Search", FirstDay);
        await DefineCostCentreRuleAsync(system.Allocation, Admin, "team", "growth", "CC-200 Growth", FirstDay);
        await DefineCostCentreRuleAsync(system.Allocation, Admin, "team", "platform", "CC-300 Platform", FirstDay);
        await DefineCostCentreRuleAsync(system.Allocation, Admin, "cost_centre_tag", "cc-legacy-7", "CC-700 Legacy", FirstDay);
        await DefineSharedCostRuleAsync(system.Allocation, Admin, "workflow", "platform-router", "proportional", [], FirstDay);

        var result = await system.IngestClient().RecordBatchAsync(GeneratedUsage.Batch(Calls, seed: 11, At), AiFinOpsSystem.Bearer(Admin));
        Assert.Equal(Calls, result.Accepted);
        await Eventually.Until(() => LedgerAsync(system.DatabaseConnection, ThisPeriod), l => l.Events == Calls, $"the {Calls} calls are booked");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Every_grouping_of_the_statement_ties_out_exactly_to_the_ledger_and_to_spend()
    {
        var ledger = await LedgerAsync(system.DatabaseConnection, ThisPeriod);
        Assert.Equal(ledger, await SpendAsync(system.Allocation, Admin, ThisPeriod));
        Assert.True(ledger.UnpricedEvents > 0 && ledger.CacheReadTokens > 0 && ledger.BilledCostUsd != ledger.EffectiveCostUsd,
            "the generated usage covers unpriced calls, cache reads and reported costs");

        foreach (var groupBy in new[] { "cost_centre", "team", "workflow", "environment", "provider", "model", "cost_centre,team,workflow,environment,provider,model" })
        {
            var statement = await StatementAsync(system.Allocation, Admin, ThisPeriod, $"groupBy={groupBy}");

            Assert.Equal(ledger, Amounts(statement.GetProperty("totals")));
            Assert.Equal(ledger, Sum(statement.GetProperty("lines").EnumerateArray()));
            Assert.Equal(ledger, Amounts(statement.GetProperty("byChargeClass").GetProperty("Regular")));
            Assert.Equal(ChargeAmounts.Zero, Amounts(statement.GetProperty("byChargeClass").GetProperty("Correction")));
        }
    }

    [Fact]
    public async Task The_shared_router_is_split_among_the_teams_exactly_to_its_own_spend()
    {
        var router = await SpendAsync(system.Allocation, Admin, ThisPeriod, "workflow=platform-router");
        Assert.True(router.Events > 0);

        var statement = await StatementAsync(system.Allocation, Admin, ThisPeriod, "groupBy=team,workflow");
        var shares = statement.GetProperty("lines").EnumerateArray()
            .Where(l => l.GetProperty("sharedFrom").GetString() == "workflow:platform-router").ToList();

        Assert.Equal(router, Sum(shares));
        Assert.Equal(["growth", "platform", "search", "support"], shares.Select(l => l.GetProperty("team").GetString()).Order());
        Assert.DoesNotContain(statement.GetProperty("lines").EnumerateArray(),
            l => l.GetProperty("workflow").GetString() == "platform-router" && l.GetProperty("sharedFrom").GetString() is null);
        // Proportional to the teams' own effective cost: the biggest own spender bears the biggest share.
        var own = statement.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("sharedFrom").GetString() is null)
            .GroupBy(l => l.GetProperty("team").GetString()).ToDictionary(g => g.Key!, g => Sum(g).EffectiveCostUsd);
        var biggest = own.Where(o => o.Key != "(untagged)").MaxBy(o => o.Value).Key;
        Assert.Equal(biggest, shares.MaxBy(l => l.GetProperty("effectiveCostUsd").GetDecimal()).GetProperty("team").GetString());
    }

    [Fact]
    public async Task Cost_centres_follow_tag_then_tag_rule_then_team_rule_and_untagged_and_unassigned_spend_keep_their_lines()
    {
        var statement = await StatementAsync(system.Allocation, Admin, ThisPeriod, "groupBy=cost_centre,team");
        var lines = statement.GetProperty("lines").EnumerateArray()
            .Select(l => (CostCentre: l.GetProperty("costCentre").GetString(), Team: l.GetProperty("team").GetString(), Line: l)).ToList();

        Assert.Contains(lines, l => l.CostCentre == "CC-900 Research");            // the call's own cost_centre tag
        Assert.Contains(lines, l => l.CostCentre == "CC-700 Legacy");              // a tag value a rule translates
        Assert.DoesNotContain(lines, l => l.CostCentre == "cc-legacy-7");
        Assert.All(lines.Where(l => l.Team == "support" && l.CostCentre is not ("CC-900 Research" or "CC-700 Legacy")),
            l => Assert.Equal("(unassigned)", l.CostCentre));                       // a team without a rule
        Assert.Contains(lines, l => l is { CostCentre: "(untagged)", Team: "(untagged)" }); // no team: its own line, never dropped
        var untaggedSpend = await SpendAsync(system.Allocation, Admin, ThisPeriod, "team=(untagged)&workflow=triage,ranking,summarise");
        var untaggedLines = statement.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("team").GetString() == "(untagged)");
        Assert.Equal(untaggedSpend, Sum(untaggedLines));
    }

    [Fact]
    public async Task The_csv_holds_the_same_lines_as_the_json_and_its_columns_sum_to_the_totals()
    {
        var json = await StatementAsync(system.Allocation, Admin, ThisPeriod, "groupBy=team,model");
        var csv = await CsvAsync(system.Allocation, Admin, ThisPeriod, "groupBy=team,model");
        var sameByParameter = await SendAsync(system.Allocation, Admin, HttpMethod.Get, $"/api/v1/chargeback/{ThisPeriod}?groupBy=team,model&format=csv");
        Assert.Equal(csv, await sameByParameter.Content.ReadAsStringAsync());

        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(r => r.Split(',')).ToList();
        Assert.Equal(["billing_period", "team", "model", "charge_class", "shared_from", "list_cost_usd", "effective_cost_usd", "billed_cost_usd",
            "events", "unpriced_events", "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "reasoning_tokens"], rows[0]);
        Assert.Equal(json.GetProperty("lines").GetArrayLength(), rows.Count - 1);
        Assert.All(rows.Skip(1), r => Assert.Equal(ThisPeriod, r[0]));
        var totals = Amounts(json.GetProperty("totals"));
        decimal Column(string name) => rows.Skip(1).Sum(r => decimal.Parse(r[rows[0].ToList().IndexOf(name)], CultureInfo.InvariantCulture));
        Assert.Equal(totals.ListCostUsd, Column("list_cost_usd"));
        Assert.Equal(totals.EffectiveCostUsd, Column("effective_cost_usd"));
        Assert.Equal(totals.BilledCostUsd, Column("billed_cost_usd"));
        Assert.Equal(totals.Events, Column("events"));
        Assert.Equal(totals.InputTokens, Column("input_tokens"));
    }

    [Fact]
    public async Task A_month_without_usage_has_an_empty_statement()
    {
        var statement = await StatementAsync(system.Allocation, Admin, "2031-01");

        Assert.Equal(0, statement.GetProperty("lines").GetArrayLength());
        Assert.Equal("open", statement.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(system.Allocation, Admin, HttpMethod.Get, "/api/v1/chargeback/2031-01?format=csv")).StatusCode);
    }
}
