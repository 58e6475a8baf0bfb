using System.Net;
using AiFinOps.IntegrationTests.Infrastructure;
using static AiFinOps.IntegrationTests.Chargeback.ChargebackApi;

namespace AiFinOps.IntegrationTests.Chargeback;

/// <summary>A team-restricted key sees its own teams' lines and totals — its share of shared costs included — and never another team's numbers.</summary>
public sealed class TeamKeyIsolationTests(AiFinOpsSystem system) : IClassFixture<AiFinOpsSystem>
{
    private const string Admin = AiFinOpsSystem.AdminKey;
    private static readonly string[] Groupings = ["cost_centre", "team", "workflow", "environment", "provider", "model", "cost_centre,team,workflow,environment,provider,model"];

    [Fact]
    public async Task A_team_key_sees_only_its_teams_lines_in_every_grouping_and_format()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        var period = Period(at);
        await DefineCostCentreRuleAsync(system.Allocation, Admin, "team", "search-iso", "CC-Search", at.ToString("yyyy-MM-01"));
        await DefineCostCentreRuleAsync(system.Allocation, Admin, "team", "growth-iso", "CC-Growth-Secret", at.ToString("yyyy-MM-01"));
        await DefineSharedCostRuleAsync(system.Allocation, Admin, "workflow", "platform-router", "even", [], at.ToString("yyyy-MM-01"));
        var booked = await system.IngestClient().RecordBatchAsync(GeneratedUsage.Batch(300, seed: 9, at, teamSuffix: "-iso"), AiFinOpsSystem.Bearer(Admin));
        await Eventually.Until(() => LedgerAsync(system.DatabaseConnection, period), l => l.Events == booked.Accepted, "the calls are booked");

        var searchKey = await SpendApi.IssueKeyAsync(system.Ingest, "search reader", ["read"], ["search-iso"]);
        var searchFinanceKey = await SpendApi.IssueKeyAsync(system.Ingest, "search finance", ["finance"], ["search-iso"]);
        var finance = await SpendApi.IssueKeyAsync(system.Ingest, "finance", ["finance"]);
        var everything = await StatementAsync(system.Allocation, finance, period, "groupBy=team");
        var searchLines = everything.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("team").GetString() == "search-iso").ToList();
        Assert.Contains(searchLines, l => l.GetProperty("sharedFrom").GetString() == "workflow:platform-router");
        var searchTotal = Sum(searchLines);
        Assert.True(searchTotal.Events > 0 && searchTotal != Amounts(everything.GetProperty("totals")));

        foreach (var key in new[] { searchKey, searchFinanceKey })
        {
            foreach (var groupBy in Groupings)
            {
                var seen = await StatementAsync(system.Allocation, key, period, $"groupBy={groupBy}");
                Assert.Equal(["search-iso"], seen.GetProperty("teams").EnumerateArray().Select(t => t.GetString()));
                Assert.Equal(searchTotal, Amounts(seen.GetProperty("totals")));
                Assert.Equal(searchTotal, Sum(seen.GetProperty("lines").EnumerateArray()));
                var text = seen.GetProperty("lines").GetRawText();
                foreach (var other in new[] { "growth-iso", "support-iso", "platform-iso", "(untagged)", "CC-Growth-Secret" })
                    Assert.DoesNotContain(other, text);

                var csv = await CsvAsync(system.Allocation, key, period, $"groupBy={groupBy}");
                foreach (var other in new[] { "growth-iso", "support-iso", "platform-iso", "(untagged)", "CC-Growth-Secret" })
                    Assert.DoesNotContain(other, csv);
            }
        }
    }

    [Fact]
    public async Task The_whole_statement_needs_the_finance_scope_and_a_team_key_cannot_change_rules()
    {
        var reader = await SpendApi.IssueKeyAsync(system.Ingest, "plain reader", ["read"]);
        var problem = await ExpectAsync(system.Allocation, reader, HttpMethod.Get, "/api/v1/chargeback/2026-01", HttpStatusCode.Forbidden);
        Assert.Contains("finance scope", problem.GetProperty("detail").GetString());

        var teamFinance = await SpendApi.IssueKeyAsync(system.Ingest, "team finance", ["finance"], ["search-iso"]);
        foreach (var path in new[] { "/api/v1/cost-centres/rules", "/api/v1/shared-costs/rules" })
        {
            await ExpectAsync(system.Allocation, teamFinance, HttpMethod.Post, path, HttpStatusCode.Forbidden, new { });
            await ExpectAsync(system.Allocation, reader, HttpMethod.Post, path, HttpStatusCode.Forbidden, new { });
            await ExpectAsync(system.Allocation, reader, HttpMethod.Get, path, HttpStatusCode.OK);
        }
        using var anonymous = system.Allocation.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/chargeback/2026-01")).StatusCode);
    }
}
