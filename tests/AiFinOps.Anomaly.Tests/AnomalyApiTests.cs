using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiFinOps.Anomaly.Detections;
using AiFinOps.Anomaly.Incidents;
using AiFinOps.Anomaly.Tests.Scenarios;

namespace AiFinOps.Anomaly.Tests;

/// <summary>The anomaly history, acknowledging and resolving through the REST API.</summary>
public sealed class AnomalyApiTests(AnomalyApp app) : IClassFixture<AnomalyApp>
{
    private static readonly DateTimeOffset At = new(2026, 9, 8, 10, 0, 0, TimeSpan.Zero);
    private const string September = "from=2026-09-01&to=2026-09-30";
    private readonly Scenario scenario = new(app);

    /// <summary>A workflow of a new team registered to expect 1,000 tokens a run, and one run of 3,000: one token-spike incident.</summary>
    private async Task<(WorkflowProfile Workflow, IncidentView Incident)> SpikeAsync(DateTimeOffset? at = null)
    {
        var w = new WorkflowProfile(Usages.NewName("wf"), Usages.NewName("team"), 1, 1, 1, 500, 500);
        await scenario.RegisterAsync(w, 100m, expectedTokensPerRun: 1_000);
        await scenario.FeedAsync([new Traffic(seed: 51).Call(w, at ?? At, "run-1", 2_000, 1_000)]);
        return (w, Assert.Single(await scenario.IncidentsAsync(w.Name)));
    }

    [Fact]
    public async Task The_history_filters_by_workflow_team_kind_status_and_period()
    {
        var (w, incident) = await SpikeAsync();
        var (other, _) = await SpikeAsync(At.AddDays(30));

        Assert.Equal([incident.Id], await IdsAsync($"workflow={w.Name}&{September}"));
        Assert.Equal([incident.Id], await IdsAsync($"team={w.Team}&kind=token-spike&status=open&{September}"));
        Assert.Empty(await IdsAsync($"workflow={w.Name}&kind={AnomalyKinds.VolumeSpike}&{September}"));
        Assert.Empty(await IdsAsync($"workflow={w.Name}&status=resolved&{September}"));
        Assert.Empty(await IdsAsync($"workflow={other.Name}&{September}"));
        Assert.Single(await IdsAsync($"workflow={other.Name}&from=2026-10-01&to=2026-10-31"));
    }

    [Fact]
    public async Task An_incident_reads_with_its_detections_and_when_its_alert_was_published()
    {
        var (w, incident) = await SpikeAsync();

        var detail = await Eventually.MatchesAsync(
            () => app.ClientWithKey(TestApiKeys.ReaderOf(w.Team)).GetFromJsonAsync<IncidentDetail>($"/api/v1/anomalies/{incident.Id}"),
            d => d!.Incident.AlertPublishedAt is not null);

        Assert.NotNull(detail!.Incident.AlertPublishedAt);
        var detection = Assert.Single(detail.Detections);
        Assert.Equal((AnomalyKinds.TokenSpike, incident.Title, "3000"), (detection.Kind, detection.Title, detection.Facts["tokens"]));
    }

    [Fact]
    public async Task Acknowledging_then_resolving_records_who_and_why_and_a_resolved_incident_cannot_be_acknowledged()
    {
        var (_, incident) = await SpikeAsync();
        var client = app.ClientWithKey(TestApiKeys.Admin);

        var acknowledged = await (await client.PostAsJsonAsync($"/api/v1/anomalies/{incident.Id}/acknowledge", new { note = "looking at the loop" }))
            .Content.ReadFromJsonAsync<IncidentView>();
        using var resolveWithoutBody = await client.PostAsync($"/api/v1/anomalies/{incident.Id}/resolve", null);
        var resolved = await resolveWithoutBody.Content.ReadFromJsonAsync<IncidentView>();
        using var lateAcknowledge = await client.PostAsync($"/api/v1/anomalies/{incident.Id}/acknowledge", null);

        Assert.Equal((Incident.Acknowledged, "looking at the loop", TestApiKeys.Admin), (acknowledged!.Status, acknowledged.Note, acknowledged.AcknowledgedBy));
        Assert.Equal((Incident.Resolved, "looking at the loop"), (resolved!.Status, resolved.Note));
        Assert.NotNull(resolved.ResolvedAt);
        Assert.Equal(HttpStatusCode.Conflict, lateAcknowledge.StatusCode);
    }

    [Fact]
    public async Task A_team_key_sees_and_handles_only_its_teams_incidents()
    {
        var (mine, myIncident) = await SpikeAsync();
        var (_, theirIncident) = await SpikeAsync();

        var visible = await IdsAsync(September, TestApiKeys.ReaderOf(mine.Team));
        using var hidden = await app.ClientWithKey(TestApiKeys.ReaderOf(mine.Team)).GetAsync($"/api/v1/anomalies/{theirIncident.Id}");
        using var otherTeam = await app.ClientWithKey(TestApiKeys.ReaderOf(mine.Team)).GetAsync($"/api/v1/anomalies?team={theirIncident.Team}");
        using var resolveTheirs = await app.ClientWithKey(AdminKeys.AdminOf(mine.Team)).PostAsync($"/api/v1/anomalies/{theirIncident.Id}/resolve", null);
        using var resolveMine = await app.ClientWithKey(AdminKeys.AdminOf(mine.Team)).PostAsync($"/api/v1/anomalies/{myIncident.Id}/resolve", null);

        Assert.Equal([myIncident.Id], visible);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherTeam.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, resolveTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.OK, resolveMine.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/anomalies?kind=meteor", "kind")]
    [InlineData("/api/v1/anomalies?status=closed", "status")]
    [InlineData("/api/v1/anomalies?limit=0", "limit")]
    [InlineData("/api/v1/anomalies?from=yesterday", "from")]
    public async Task Malformed_query_parameters_are_400_problems_naming_the_parameter(string path, string parameter)
    {
        using var response = await app.ClientWithKey(TestApiKeys.Reader).GetAsync(path);

        await ServiceAssert.ValidationProblemAsync(response, parameter);
    }

    [Theory]
    [InlineData("GET", "/api/v1/anomalies", null, HttpStatusCode.Unauthorized)]
    [InlineData("GET", "/api/v1/anomalies", TestApiKeys.Ingest, HttpStatusCode.Forbidden)]
    [InlineData("POST", "/api/v1/anomalies/7c9e6679-7425-40de-944b-e07fc1f90ae7/acknowledge", TestApiKeys.Reader, HttpStatusCode.Forbidden)]
    [InlineData("POST", "/api/v1/anomalies/7c9e6679-7425-40de-944b-e07fc1f90ae7/resolve", TestApiKeys.Reader, HttpStatusCode.Forbidden)]
    [InlineData("POST", "/api/v1/anomalies/7c9e6679-7425-40de-944b-e07fc1f90ae7/resolve", TestApiKeys.Admin, HttpStatusCode.NotFound)]
    public async Task Reading_needs_the_read_scope_and_handling_the_admin_scope(string method, string path, string? key, HttpStatusCode expected)
    {
        using var response = await app.ClientWithKey(key).SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_history_and_its_filters()
    {
        var paths = (await app.ClientWithKey(null).GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("paths");

        Assert.Contains("kind:", paths.GetProperty("/api/v1/anomalies").GetProperty("get").GetProperty("description").GetString());
        Assert.True(paths.GetProperty("/api/v1/anomalies/{id}/resolve").TryGetProperty("post", out _));
    }

    private async Task<IReadOnlyList<Guid>> IdsAsync(string query, string key = TestApiKeys.Reader) =>
        (await app.ClientWithKey(key).GetFromJsonAsync<AnomalyHistory>($"/api/v1/anomalies?{query}"))!.Incidents.Select(i => i.Id).ToList();
}
