using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AiFinOps.IntegrationTests.Infrastructure;

/// <summary>GET a service's REST read with a key, as JSON.</summary>
public static class ReadApi
{
    public static async Task<JsonElement> GetAsync<T>(WebApplicationFactory<T> service, string path, string key) where T : class
    {
        using var http = service.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Budgeting's accrued spend of this month, per team: (events, list cost).</summary>
    public static async Task<Dictionary<string, (long Events, decimal ListCostUsd)>> AccruedByTeamAsync<T>(WebApplicationFactory<T> budgeting, string key) where T : class
    {
        var body = await GetAsync(budgeting, $"/api/v1/budgets/accrued?period={DateTime.UtcNow.AddMinutes(-1):yyyy-MM}", key);
        return body.GetProperty("teams").EnumerateArray().ToDictionary(
            t => t.GetProperty("team").GetString()!,
            t => (t.GetProperty("events").GetInt64(), t.GetProperty("listCostUsd").GetDecimal()));
    }

    /// <summary>Anomaly's calls of one workflow over the last day.</summary>
    public static async Task<long> WorkflowCallsAsync<T>(WebApplicationFactory<T> anomaly, string workflow, string key) where T : class
    {
        var body = await GetAsync(anomaly, $"/api/v1/workflows/activity?from={DateTime.UtcNow.AddDays(-1):yyyy-MM-dd}", key);
        return body.GetProperty("workflows").EnumerateArray()
            .Where(w => w.GetProperty("workflow").GetString() == workflow)
            .Sum(w => w.GetProperty("calls").GetInt64());
    }
}
