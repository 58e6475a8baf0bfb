using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AiFinOps.IntegrationTests.Infrastructure;
using Grpc.Core;

namespace AiFinOps.IntegrationTests.Securing;

public sealed class ApiKeyTests(AiFinOpsSystem system) : IClassFixture<AiFinOpsSystem>
{
    [Fact]
    public async Task A_call_without_a_key_is_unauthenticated()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            system.IngestClient().RecordBatchAsync(Usage.Batch(Usage.Call("alpha"))).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("authorization: Bearer", error.Status.Detail);
    }

    [Fact]
    public async Task An_unknown_key_is_unauthenticated()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            system.IngestClient().RecordBatchAsync(Usage.Batch(Usage.Call("alpha")), AiFinOpsSystem.Bearer("afo_nope_nope")).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task A_read_key_cannot_emit_usage()
    {
        var reader = await SpendApi.IssueKeyAsync(system.Ingest, "reader", ["read"]);
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            system.IngestClient().RecordBatchAsync(Usage.Batch(Usage.Call("alpha")), AiFinOpsSystem.Bearer(reader)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("'ingest' scope", error.Status.Detail);
    }

    [Fact]
    public async Task A_team_key_emitting_for_another_team_is_denied_and_nothing_of_the_call_is_recorded()
    {
        var teamKey = await SpendApi.IssueKeyAsync(system.Ingest, "support emitter", ["ingest"], ["support-sec"]);
        var own = Usage.Call("support-sec");
        var foreign = Usage.Call("sales-sec");

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            system.IngestClient().RecordBatchAsync(Usage.Batch(own, foreign), AiFinOpsSystem.Bearer(teamKey)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("sales-sec", error.Status.Detail);

        // The denied call claimed nothing: the team's own event is accepted as new afterwards.
        var result = await system.IngestClient().RecordBatchAsync(Usage.Batch(own), AiFinOpsSystem.Bearer(teamKey));
        Assert.Equal(1, result.Accepted);
    }

    [Fact]
    public async Task A_team_key_sees_only_its_team_in_spend()
    {
        await system.IngestClient().RecordBatchAsync(
            Usage.Batch(Usage.Call("visible-team"), Usage.Call("hidden-team")), AiFinOpsSystem.Bearer(AiFinOpsSystem.AdminKey));
        await Eventually.Until(() => SpendApi.ByTeamAsync(system.Allocation, AiFinOpsSystem.AdminKey),
            s => s.ContainsKey("visible-team") && s.ContainsKey("hidden-team"), "both teams are booked");

        var teamReader = await SpendApi.IssueKeyAsync(system.Ingest, "visible reader", ["read"], ["visible-team"]);
        var seen = await SpendApi.ByTeamAsync(system.Allocation, teamReader);

        Assert.Equal(["visible-team"], seen.Keys);
    }

    [Fact]
    public async Task Spend_needs_a_key_with_the_read_scope()
    {
        using var http = system.Allocation.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/spend")).StatusCode);

        var emitter = await SpendApi.IssueKeyAsync(system.Ingest, "emitter only", ["ingest"]);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emitter);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/api/v1/spend")).StatusCode);
    }

    [Fact]
    public async Task A_revoked_key_stops_working_at_once_on_ingest()
    {
        using var http = system.Ingest.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AiFinOpsSystem.AdminKey);
        using var issued = await http.PostAsJsonAsync("/api/v1/keys", new { name = "short-lived", scopes = new[] { "ingest" } });
        var body = await issued.Content.ReadFromJsonAsync<JsonElement>();
        var key = body.GetProperty("key").GetString()!;
        Assert.Equal(1, (await system.IngestClient().RecordBatchAsync(Usage.Batch(Usage.Call("alpha")), AiFinOpsSystem.Bearer(key))).Accepted);

        var revoked = await http.DeleteAsync($"/api/v1/keys/{body.GetProperty("keyId").GetString()}");
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            system.IngestClient().RecordBatchAsync(Usage.Batch(Usage.Call("alpha")), AiFinOpsSystem.Bearer(key)).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        var listed = await http.GetFromJsonAsync<JsonElement>("/api/v1/keys");
        Assert.Contains(listed.EnumerateArray(), k => k.GetProperty("name").GetString() == "short-lived" && k.GetProperty("revokedAt").ValueKind == JsonValueKind.String);
        Assert.DoesNotContain("afo_", listed.GetRawText());
    }

    [Fact]
    public async Task Issuing_a_key_with_an_unknown_scope_is_a_problem_naming_the_field()
    {
        using var http = system.Ingest.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AiFinOpsSystem.AdminKey);
        using var response = await http.PostAsJsonAsync("/api/v1/keys", new { name = "x", scopes = new[] { "superuser" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("superuser", problem.GetProperty("errors").GetProperty("scopes")[0].GetString());
    }

    [Fact]
    public async Task When_keys_cannot_be_verified_a_read_answers_503_not_401()
    {
        var cutOff = system.Host<AiFinOps.Allocation.Spend.GettingSpend.SpendReader>(verifyThroughIngest: false,
            web => web.UseSetting("AIFINOPS_KEYS_URL", "http://127.0.0.1:1"));
        using var http = cutOff.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AiFinOpsSystem.AdminKey);

        using var response = await http.GetAsync("/api/v1/spend");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
