using System.Net;
using System.Text.Json;
using AiFinOps.IntegrationTests.Infrastructure;
using static AiFinOps.IntegrationTests.Chargeback.ChargebackApi;

namespace AiFinOps.IntegrationTests.Chargeback;

/// <summary>Every bad input is refused as RFC 9457 problem details naming the field and the reason.</summary>
public sealed class RuleAndStatementErrorTests(AiFinOpsSystem system) : IClassFixture<AiFinOpsSystem>
{
    private const string Admin = AiFinOpsSystem.AdminKey;
    private const string CostCentreRules = "/api/v1/cost-centres/rules";
    private const string SharedCostRules = "/api/v1/shared-costs/rules";

    private async Task<string> Refused(string path, object body, string field, HttpStatusCode status = HttpStatusCode.BadRequest, HttpMethod? method = null)
    {
        using var response = await SendAsync(system.Allocation, Admin, method ?? HttpMethod.Post, path, body);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var reasons), $"no error for '{field}' in {problem}");
        return reasons[0].GetString()!;
    }

    [Fact]
    public async Task Bad_cost_centre_rules_name_the_field_and_the_reason()
    {
        Assert.Contains("'region' is not a dimension rules can map; use one of: team, cost_centre_tag",
            await Refused(CostCentreRules, new { dimension = "region", value = "eu", costCentre = "CC-1", effectiveFrom = "2026-01-01" }, "dimension"));
        Assert.Equal("is required and must not be blank",
            await Refused(CostCentreRules, new { dimension = "team", value = " ", costCentre = "CC-1", effectiveFrom = "2026-01-01" }, "value"));
        Assert.Equal("is required and must not be blank",
            await Refused(CostCentreRules, new { dimension = "team", value = "search", costCentre = "", effectiveFrom = "2026-01-01" }, "costCentre"));
        Assert.Equal("'01/02/2026' is not a day like 2026-01-31",
            await Refused(CostCentreRules, new { dimension = "team", value = "search", costCentre = "CC-1", effectiveFrom = "01/02/2026" }, "effectiveFrom"));
        Assert.Contains("must be after effectiveFrom",
            await Refused(CostCentreRules, new { dimension = "team", value = "search", costCentre = "CC-1", effectiveFrom = "2026-02-01", effectiveTo = "2026-01-01" }, "effectiveTo"));
        Assert.Contains("untagged spend stays on its own line",
            await Refused(CostCentreRules, new { dimension = "team", value = "(untagged)", costCentre = "CC-1", effectiveFrom = "2026-01-01" }, "value"));
        Assert.Contains("is not valid JSON of the expected type",
            await Refused(CostCentreRules, """{"dimension": "team", "value": "search", "costCentre": 42, "effectiveFrom": "2026-01-01"}""", "costCentre"));
        Assert.Contains("is required", await Refused(CostCentreRules, "null", "body"));
    }

    [Fact]
    public async Task Overlapping_cost_centre_rules_are_a_conflict_and_a_retry_is_no_error()
    {
        var first = await DefineCostCentreRuleAsync(system.Allocation, Admin, "team", "overlap-team", "CC-1", "2026-01-01", "2026-07-01");
        var retry = await ExpectAsync(system.Allocation, Admin, HttpMethod.Post, CostCentreRules, HttpStatusCode.OK,
            new { dimension = "team", value = "overlap-team", costCentre = "CC-1", effectiveFrom = "2026-01-01", effectiveTo = "2026-07-01" });
        Assert.Equal(first.GetProperty("id").GetString(), retry.GetProperty("id").GetString());

        Assert.Contains($"overlaps rule '{first.GetProperty("id").GetString()}'", await Refused(CostCentreRules,
            new { dimension = "team", value = "overlap-team", costCentre = "CC-2", effectiveFrom = "2026-06-01" }, "effectiveFrom", HttpStatusCode.Conflict));
        await DefineCostCentreRuleAsync(system.Allocation, Admin, "team", "overlap-team", "CC-2", "2026-07-01");

        var id = first.GetProperty("id").GetString();
        Assert.Contains("brought forward, not pushed back",
            await Refused($"{CostCentreRules}/{id}/end", new { effectiveTo = "2026-08-01" }, "effectiveTo", HttpStatusCode.Conflict));
        Assert.Contains("overlaps rule", await Refused($"{CostCentreRules}/{id}",
            new { costCentre = "CC-1", effectiveFrom = "2026-01-01" }, "effectiveFrom", HttpStatusCode.Conflict, HttpMethod.Put));
        Assert.Contains("no cost-centre rule 'ccr-nope'",
            await Refused($"{CostCentreRules}/ccr-nope/end", new { effectiveTo = "2026-08-01" }, "id", HttpStatusCode.NotFound));
        var ended = await ExpectAsync(system.Allocation, Admin, HttpMethod.Post, $"{CostCentreRules}/{id}/end", HttpStatusCode.OK, new { effectiveTo = "2026-05-01" });
        Assert.Equal("2026-05-01", ended.GetProperty("effectiveTo").GetString());

        var listed = await ExpectAsync(system.Allocation, Admin, HttpMethod.Get, $"{CostCentreRules}?dimension=team", HttpStatusCode.OK);
        Assert.Equal(["CC-1", "CC-2"], listed.GetProperty("rules").EnumerateArray()
            .Where(r => r.GetProperty("value").GetString() == "overlap-team").Select(r => r.GetProperty("costCentre").GetString()));
    }

    [Fact]
    public async Task Of_overlapping_rules_defined_at_the_same_moment_exactly_one_is_recorded()
    {
        async Task<HttpStatusCode[]> Race(int year) => await Task.WhenAll(Enumerable.Range(1, 6).Select(async i =>
        {
            using var response = await SendAsync(system.Allocation, Admin, HttpMethod.Post, CostCentreRules,
                new { dimension = "team", value = "racing-team", costCentre = $"CC-{year}-{i}", effectiveFrom = $"{year}-0{i}-01" });
            return response.StatusCode;
        }));

        var first = await Race(2026); // a new stream: the others collide with its creation or fail the overlap check
        Assert.Single(first, s => s == HttpStatusCode.Created);
        Assert.All(first.Where(s => s != HttpStatusCode.Created), s => Assert.Equal(HttpStatusCode.Conflict, s));

        var listed = await ExpectAsync(system.Allocation, Admin, HttpMethod.Get, $"{CostCentreRules}?dimension=team", HttpStatusCode.OK);
        var recorded = Assert.Single(listed.GetProperty("rules").EnumerateArray(), r => r.GetProperty("value").GetString() == "racing-team");
        await ExpectAsync(system.Allocation, Admin, HttpMethod.Post, $"{CostCentreRules}/{recorded.GetProperty("id").GetString()}/end",
            HttpStatusCode.OK, new { effectiveTo = "2026-12-01" });

        var second = await Race(2027); // an existing stream: the others fail its version check or the overlap check
        Assert.Single(second, s => s == HttpStatusCode.Created);
        Assert.All(second.Where(s => s != HttpStatusCode.Created), s => Assert.Equal(HttpStatusCode.Conflict, s));
        listed = await ExpectAsync(system.Allocation, Admin, HttpMethod.Get, $"{CostCentreRules}?dimension=team", HttpStatusCode.OK);
        Assert.Equal(2, listed.GetProperty("rules").EnumerateArray().Count(r => r.GetProperty("value").GetString() == "racing-team"));
    }

    [Fact]
    public async Task Bad_shared_cost_rules_name_the_field_and_the_reason()
    {
        object Rule(string method, object[] consumers, string dimension = "workflow") =>
            new { source = new { dimension, value = "platform-router" }, method, consumers, effectiveFrom = "2026-01-01" };

        Assert.Equal("the percentages add up to 90, not exactly 100", await Refused(SharedCostRules,
            Rule("fixed", [new { team = "a", percent = 50 }, new { team = "b", percent = 40 }]), "consumers"));
        Assert.Equal("is required with method fixed", await Refused(SharedCostRules, Rule("fixed", [new { team = "a" }]), "consumers[0].percent"));
        Assert.Contains("is not a split method", await Refused(SharedCostRules, Rule("by-headcount", []), "method"));
        Assert.Contains("cannot be shared", await Refused(SharedCostRules, Rule("even", [], dimension: "model"), "source.dimension"));
        Assert.Equal("is required and must not be blank", await Refused(SharedCostRules, Rule("even", [new { team = "" }]), "consumers[0].team"));
        Assert.Contains("is not valid JSON of the expected type", await Refused(SharedCostRules,
            """{"source": {"dimension": "workflow", "value": "r"}, "method": "fixed", "consumers": [{"team": "a", "percent": "lots"}], "effectiveFrom": "2026-01-01"}""",
            "consumers[0].percent"));

        await DefineSharedCostRuleAsync(system.Allocation, Admin, "workflow", "shared-overlap", "even", [], "2026-01-01");
        Assert.Contains("overlaps rule", await Refused(SharedCostRules,
            new { source = new { dimension = "workflow", value = "shared-overlap" }, method = "proportional", effectiveFrom = "2026-03-01" },
            "effectiveFrom", HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task Bad_statement_requests_name_the_parameter_and_the_reason()
    {
        async Task<JsonElement> Statement(string path) =>
            (await ExpectAsync(system.Allocation, Admin, HttpMethod.Get, path, HttpStatusCode.BadRequest)).GetProperty("errors");

        Assert.Contains("is not a billing period like 2026-10", (await Statement("/api/v1/chargeback/2026-13")).GetProperty("period")[0].GetString());
        Assert.Contains("'region' cannot group a statement", (await Statement("/api/v1/chargeback/2026-01?groupBy=team,region")).GetProperty("groupBy")[0].GetString());
        Assert.Contains("use json or csv", (await Statement("/api/v1/chargeback/2026-01?format=xlsx")).GetProperty("format")[0].GetString());
        Assert.Contains("is not a parameter", (await Statement("/api/v1/chargeback/2026-01?team=search")).GetProperty("team")[0].GetString());
    }
}
