using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AiFinOps.Allocation.Chargeback;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace AiFinOps.IntegrationTests.Chargeback;

/// <summary>The chargeback and rule endpoints as a finance client calls them, and the ledger's own sums to tie out to.</summary>
public static class ChargebackApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<HttpResponseMessage> SendAsync<T>(WebApplicationFactory<T> service, string key, HttpMethod method, string path,
        object? body = null, string? accept = null) where T : class
    {
        using var http = service.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (accept is not null) http.DefaultRequestHeaders.Accept.ParseAdd(accept);
        using var request = new HttpRequestMessage(method, path);
        if (body is string raw) request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        else if (body is not null) request.Content = JsonContent.Create(body, options: Json);
        return await http.SendAsync(request);
    }

    /// <summary>Sends and expects <paramref name="status"/>, returning the JSON body (problem details included).</summary>
    public static async Task<JsonElement> ExpectAsync<T>(WebApplicationFactory<T> service, string key, HttpMethod method, string path,
        HttpStatusCode status, object? body = null) where T : class
    {
        using var response = await SendAsync(service, key, method, path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{method} {path}: expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text);
    }

    public static Task<JsonElement> StatementAsync<T>(WebApplicationFactory<T> allocation, string key, string period, string query = "") where T : class =>
        ExpectAsync(allocation, key, HttpMethod.Get, $"/api/v1/chargeback/{period}{(query.Length > 0 ? "?" + query : "")}", HttpStatusCode.OK);

    public static async Task<string> CsvAsync<T>(WebApplicationFactory<T> allocation, string key, string period, string query = "") where T : class
    {
        using var response = await SendAsync(allocation, key, HttpMethod.Get, $"/api/v1/chargeback/{period}{(query.Length > 0 ? "?" + query : "")}",
            accept: "text/csv");
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    public static Task<JsonElement> DefineCostCentreRuleAsync<T>(WebApplicationFactory<T> allocation, string key, string dimension, string value,
        string costCentre, string effectiveFrom, string? effectiveTo = null) where T : class =>
        ExpectAsync(allocation, key, HttpMethod.Post, "/api/v1/cost-centres/rules", HttpStatusCode.Created,
            new { dimension, value, costCentre, effectiveFrom, effectiveTo });

    public static Task<JsonElement> DefineSharedCostRuleAsync<T>(WebApplicationFactory<T> allocation, string key, string dimension, string value,
        string method, object[] consumers, string effectiveFrom) where T : class =>
        ExpectAsync(allocation, key, HttpMethod.Post, "/api/v1/shared-costs/rules", HttpStatusCode.Created,
            new { source = new { dimension, value }, method, consumers, effectiveFrom });

    public static ChargeAmounts Amounts(JsonElement figures) => figures.Deserialize<ChargeAmounts>(Json)!;

    public static ChargeAmounts Sum(IEnumerable<JsonElement> lines) => lines.Select(Amounts).Aggregate(ChargeAmounts.Zero, (a, b) => a.Add(b));

    /// <summary>Σ of the ledger lines booked in a billing period, straight from <c>allocation.ledger_lines</c>.</summary>
    public static async Task<ChargeAmounts> LedgerAsync(string database, string period)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT coalesce(sum(list_cost_usd), 0), coalesce(sum(effective_cost_usd), 0), coalesce(sum(billed_cost_usd), 0),
                   coalesce(sum(events), 0)::bigint, coalesce(sum(unpriced_events), 0)::bigint, coalesce(sum(input_tokens), 0)::bigint,
                   coalesce(sum(output_tokens), 0)::bigint, coalesce(sum(cache_read_tokens), 0)::bigint,
                   coalesce(sum(cache_write_tokens), 0)::bigint, coalesce(sum(reasoning_tokens), 0)::bigint
            FROM allocation.ledger_lines WHERE billing_period = @period
            """, connection);
        command.Parameters.AddWithValue("period", period);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new ChargeAmounts(reader.GetDecimal(0), reader.GetDecimal(1), reader.GetDecimal(2), reader.GetInt64(3), reader.GetInt64(4),
            reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9));
    }

    /// <summary>The <c>/api/v1/spend</c> row of one billing period, over all time, optionally filtered (e.g. <c>workflow=x</c>).</summary>
    public static async Task<ChargeAmounts> SpendAsync<T>(WebApplicationFactory<T> allocation, string key, string period, string filter = "") where T : class
    {
        var body = await ExpectAsync(allocation, key, HttpMethod.Get,
            $"/api/v1/spend?from=2000-01-01&to=2999-12-31&groupBy=billing_period&billing_period={period}{(filter.Length > 0 ? "&" + filter : "")}",
            HttpStatusCode.OK);
        var rows = body.GetProperty("rows").EnumerateArray().ToList();
        return rows.Count == 0 ? ChargeAmounts.Zero : Amounts(Assert.Single(rows));
    }

    public static string Period(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}
