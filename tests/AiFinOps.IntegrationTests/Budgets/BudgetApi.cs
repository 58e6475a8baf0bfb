using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AiFinOps.IntegrationTests.Budgets;

/// <summary>Budgeting's REST API as a client calls it.</summary>
public static class BudgetApi
{
    public static async Task<string> DefineAsync<T>(WebApplicationFactory<T> budgeting, string key, string team, decimal amountUsd,
        int[]? thresholds = null) where T : class
    {
        using var http = Client(budgeting, key);
        using var response = await http.PostAsJsonAsync("/api/v1/budgets", new
        {
            name = $"{team} monthly",
            scope = $"team:{team}",
            period = "monthly",
            amountUsd,
            thresholds,
            owner = "lead@example.com",
            recipients = new[] { "webhook:ops" },
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    public static async Task AmendAsync<T>(WebApplicationFactory<T> budgeting, string key, string id, string team, decimal amountUsd) where T : class
    {
        using var http = Client(budgeting, key);
        using var response = await http.PutAsJsonAsync($"/api/v1/budgets/{id}", new
        {
            name = $"{team} monthly",
            scope = $"team:{team}",
            period = "monthly",
            amountUsd,
            owner = "lead@example.com",
            recipients = new[] { "webhook:ops" },
        });
        response.EnsureSuccessStatusCode();
    }

    public static async Task<JsonElement> StatusAsync<T>(WebApplicationFactory<T> budgeting, string key, string id) where T : class
    {
        using var http = Client(budgeting, key);
        return await http.GetFromJsonAsync<JsonElement>($"/api/v1/budgets/{id}/status");
    }

    /// <summary>The budget's threshold alerts: (threshold, cause, published). Forecast alerts depend on the day of the month: not here.</summary>
    public static async Task<IReadOnlyList<(int Threshold, string Cause, bool Published)>> AlertsAsync<T>(WebApplicationFactory<T> budgeting, string key, string id) where T : class
    {
        using var http = Client(budgeting, key);
        var alerts = await http.GetFromJsonAsync<JsonElement>($"/api/v1/budgets/alerts?budgetId={id}&kind=budget.threshold");
        return alerts.EnumerateArray()
            .Select(a => (a.GetProperty("thresholdPercent").GetInt32(), a.GetProperty("cause").GetString()!,
                a.GetProperty("publishedAt").ValueKind != JsonValueKind.Null))
            .OrderBy(a => a.Item1).ToList();
    }

    private static HttpClient Client<T>(WebApplicationFactory<T> service, string key) where T : class
    {
        var http = service.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }
}
