using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AiFinOps.IntegrationTests.Infrastructure;

/// <summary>Reads <c>GET /api/v1/spend</c> as a client would.</summary>
public static class SpendApi
{
    public sealed record Row(string Key, decimal ListCostUsd, decimal EffectiveCostUsd, long Events, long InputTokens, long OutputTokens, long UnpricedEvents);

    public static async Task<Dictionary<string, Row>> ByTeamAsync<T>(WebApplicationFactory<T> allocation, string key, string query = "groupBy=team") where T : class
    {
        using var http = allocation.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.GetAsync("/api/v1/spend?" + query);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("rows").EnumerateArray().Select(r => new Row(
                r.GetProperty("team").GetString()!,
                r.GetProperty("listCostUsd").GetDecimal(),
                r.GetProperty("effectiveCostUsd").GetDecimal(),
                r.GetProperty("events").GetInt64(),
                r.GetProperty("inputTokens").GetInt64(),
                r.GetProperty("outputTokens").GetInt64(),
                r.GetProperty("unpricedEvents").GetInt64()))
            .ToDictionary(r => r.Key);
    }

    public static async Task<string> IssueKeyAsync<T>(WebApplicationFactory<T> ingest, string name, string[] scopes, string[]? teams = null) where T : class
    {
        using var http = ingest.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AiFinOpsSystem.AdminKey);
        using var response = await http.PostAsJsonAsync("/api/v1/keys", new { name, scopes, teams = teams ?? [], environments = Array.Empty<string>() });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("key").GetString()!;
    }
}
