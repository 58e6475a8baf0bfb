using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiFinOps.Anomaly.Workflows.ManagingWorkflows;

namespace AiFinOps.Anomaly.Tests;

/// <summary>The workflow registry through its REST API, against the real PostgreSQL.</summary>
public sealed class WorkflowApiTests(AnomalyApp app) : IClassFixture<AnomalyApp>
{
    public static object Body(string name, string team, decimal? estimate = 1500m, long? tokens = 12_000, decimal? runsPerDay = 400m) => new
    {
        name,
        ownerTeam = team,
        description = "Triage incoming tickets",
        models = new[] { "gpt-4o-mini" },
        valueUnit = "ticket_triaged",
        estimatedMonthlyCostUsd = estimate,
        expectedTokensPerRun = tokens,
        expectedRunsPerDay = runsPerDay,
        launchDate = "2026-11-01",
    };

    [Fact]
    public async Task A_registered_workflow_reads_back_with_its_terms_and_the_thresholds_in_force()
    {
        var (name, team) = (Usages.NewName("wf"), Usages.NewName("team"));

        using var created = await app.ClientWithKey(TestApiKeys.Admin).PostAsJsonAsync("/api/v1/workflows", Body(name, team));
        var read = await app.ClientWithKey(TestApiKeys.Reader).GetFromJsonAsync<WorkflowView>($"/api/v1/workflows/{name}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/v1/workflows/{name}", created.Headers.Location?.ToString());
        Assert.Equal((name, team, 1500m, 12_000L, 400m, new DateOnly(2026, 11, 1)),
            (read!.Name, read.OwnerTeam, read.EstimatedMonthlyCostUsd, read.ExpectedTokensPerRun, read.ExpectedRunsPerDay, read.LaunchDate));
        Assert.Equal((null, null, 2.0m, 0.5m), (read.TokenSpikeFactor, read.OutputShiftThreshold, read.EffectiveTokenSpikeFactor, read.EffectiveOutputShiftThreshold));
        Assert.Empty(read.Missing);
    }

    [Fact]
    public async Task A_workflow_without_an_estimate_shows_it_missing_from_its_checklist()
    {
        var name = Usages.NewName("wf");

        var view = await (await app.ClientWithKey(TestApiKeys.Admin).PostAsJsonAsync("/api/v1/workflows", new { name, ownerTeam = "support" }))
            .Content.ReadFromJsonAsync<WorkflowView>();

        Assert.Equal(["estimatedMonthlyCostUsd", "expectedTokensPerRun", "expectedRunsPerDay", "valueUnit", "description", "models"], view!.Missing);
    }

    [Fact]
    public async Task Amending_replaces_the_terms_and_retiring_hides_it_from_the_list()
    {
        var (name, team) = (Usages.NewName("wf"), Usages.NewName("team"));
        await app.ClientWithKey(TestApiKeys.Admin).PostAsJsonAsync("/api/v1/workflows", Body(name, team));

        using var amended = await app.ClientWithKey(TestApiKeys.Admin).PutAsJsonAsync($"/api/v1/workflows/{name}", Body(name, team, estimate: 3000m));
        var amendedView = await amended.Content.ReadFromJsonAsync<WorkflowView>();
        using var retired = await app.ClientWithKey(TestApiKeys.Admin).DeleteAsync($"/api/v1/workflows/{name}");
        var active = await app.ClientWithKey(TestApiKeys.Reader).GetFromJsonAsync<List<WorkflowView>>("/api/v1/workflows");
        var all = await app.ClientWithKey(TestApiKeys.Reader).GetFromJsonAsync<List<WorkflowView>>("/api/v1/workflows?includeRetired=true");

        Assert.Equal(3000m, amendedView!.EstimatedMonthlyCostUsd);
        Assert.Equal(HttpStatusCode.NoContent, retired.StatusCode);
        Assert.DoesNotContain(active!, w => w.Name == name);
        Assert.True(all!.Single(w => w.Name == name).Retired);
    }

    [Fact]
    public async Task Registering_a_name_twice_is_a_409_problem()
    {
        var name = Usages.NewName("wf");
        await app.ClientWithKey(TestApiKeys.Admin).PostAsJsonAsync("/api/v1/workflows", Body(name, "support"));

        using var again = await app.ClientWithKey(TestApiKeys.Admin).PostAsJsonAsync("/api/v1/workflows", Body(name, "support"));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Bad_fields_are_400_problems_naming_each_field()
    {
        using var response = await app.ClientWithKey(TestApiKeys.Admin).PostAsJsonAsync("/api/v1/workflows", new
        {
            name = "has space",
            ownerTeam = 7,
            estimatedMonthlyCostUsd = "lots",
            expectedTokensPerRun = 1.5,
            launchDate = "next week",
            tokenSpikeFactor = 0.5,
        });

        await ServiceAssert.ValidationProblemAsync(response, "name", "ownerTeam", "estimatedMonthlyCostUsd", "expectedTokensPerRun", "launchDate", "tokenSpikeFactor");
    }

    [Fact]
    public async Task A_team_key_sees_and_manages_only_its_own_teams_workflows()
    {
        var (mine, theirs) = (Usages.NewName("team"), Usages.NewName("team"));
        var (myWorkflow, theirWorkflow) = (Usages.NewName("wf"), Usages.NewName("wf"));
        await app.ClientWithKey(TestApiKeys.Admin).PostAsJsonAsync("/api/v1/workflows", Body(theirWorkflow, theirs));

        using var registered = await app.ClientWithKey(AdminKeys.AdminOf(mine)).PostAsJsonAsync("/api/v1/workflows", Body(myWorkflow, mine));
        using var forTheirs = await app.ClientWithKey(AdminKeys.AdminOf(mine)).PostAsJsonAsync("/api/v1/workflows", Body(Usages.NewName("wf"), theirs));
        var listed = await app.ClientWithKey(TestApiKeys.ReaderOf(mine)).GetFromJsonAsync<List<WorkflowView>>("/api/v1/workflows");
        using var hidden = await app.ClientWithKey(TestApiKeys.ReaderOf(mine)).GetAsync($"/api/v1/workflows/{theirWorkflow}");
        using var retireTheirs = await app.ClientWithKey(AdminKeys.AdminOf(mine)).DeleteAsync($"/api/v1/workflows/{theirWorkflow}");

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forTheirs.StatusCode);
        Assert.Equal([myWorkflow], listed!.Select(w => w.Name));
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, retireTheirs.StatusCode);
    }

    [Theory]
    [InlineData("POST", TestApiKeys.Reader, HttpStatusCode.Forbidden)]
    [InlineData("POST", null, HttpStatusCode.Unauthorized)]
    [InlineData("PUT", TestApiKeys.Reader, HttpStatusCode.Forbidden)]
    [InlineData("DELETE", TestApiKeys.Reader, HttpStatusCode.Forbidden)]
    [InlineData("GET", TestApiKeys.Ingest, HttpStatusCode.Forbidden)]
    public async Task Writing_needs_the_admin_scope_and_reading_the_read_scope(string method, string? key, HttpStatusCode expected)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), method == "POST" ? "/api/v1/workflows" : "/api/v1/workflows/triage");
        if (method is "POST" or "PUT") request.Content = JsonContent.Create(Body("triage", "support"));

        using var response = await app.ClientWithKey(key).SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_registry()
    {
        var paths = (await app.ClientWithKey(null).GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("paths");

        Assert.True(paths.GetProperty("/api/v1/workflows").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/v1/workflows/{name}").TryGetProperty("put", out _));
    }
}
