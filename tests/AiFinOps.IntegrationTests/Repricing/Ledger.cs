using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AiFinOps.Contracts.Messages;
using AiFinOps.Contracts.Usage.V1;
using AiFinOps.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace AiFinOps.IntegrationTests.Repricing;

/// <summary>What the re-pricing tests read and do: spend by period, ledger lines, quotes and prices on ingest.</summary>
internal static class Ledger
{
    public sealed record Figures(long Events, long Unpriced, decimal List, decimal Effective, decimal Billed);

    /// <summary>A team's spend since last month, per billing period and charge class ("2026-11", "2026-11 Correction").</summary>
    public static async Task<Dictionary<string, Figures>> ByPeriodAsync(AiFinOpsSystem system, string team)
    {
        var from = DateTime.UtcNow.AddMonths(-2);
        var body = await ReadApi.GetAsync(system.Allocation,
            $"/api/v1/spend?from={from:yyyy-MM-dd}&groupBy=billing_period,charge_class&team={team}", AiFinOpsSystem.AdminKey);
        return body.GetProperty("rows").EnumerateArray().ToDictionary(
            r => $"{r.GetProperty("billing_period").GetString()} {r.GetProperty("charge_class").GetString()}".TrimEnd(),
            r => new Figures(r.GetProperty("events").GetInt64(), r.GetProperty("unpricedEvents").GetInt64(),
                r.GetProperty("listCostUsd").GetDecimal(), r.GetProperty("effectiveCostUsd").GetDecimal(), r.GetProperty("billedCostUsd").GetDecimal()));
    }

    public static Figures Total(this Dictionary<string, Figures> rows) => rows.Values.Aggregate(
        new Figures(0, 0, 0, 0, 0), (a, b) => new Figures(a.Events + b.Events, a.Unpriced + b.Unpriced, a.List + b.List, a.Effective + b.Effective, a.Billed + b.Billed));

    /// <summary>What ingest's quote says a call costs now: (list, effective).</summary>
    public static async Task<(decimal List, decimal Effective)> QuoteAsync(AiFinOpsSystem system, UsageEvent call)
    {
        using var http = Admin(system.Ingest);
        using var response = await http.PostAsJsonAsync("/api/v1/prices/quote", new
        {
            provider = call.Provider,
            model = call.Model,
            inputTokens = call.InputTokens,
            outputTokens = call.OutputTokens,
            cacheReadTokens = call.CacheReadTokens,
            occurredAt = call.OccurredAt.ToDateTimeOffset(),
        });
        response.EnsureSuccessStatusCode();
        var quote = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (quote.GetProperty("listCostUsd").GetDecimal(), quote.GetProperty("effectiveCostUsd").GetDecimal());
    }

    public static async Task<(decimal List, decimal Effective)> QuoteAllAsync(AiFinOpsSystem system, IEnumerable<UsageEvent> calls)
    {
        var (list, effective) = (0m, 0m);
        foreach (var call in calls)
        {
            var quote = await QuoteAsync(system, call);
            (list, effective) = (list + quote.List, effective + quote.Effective);
        }
        return (list, effective);
    }

    public static object Price(string model, decimal input, decimal output, decimal? cacheRead = null) => new
    {
        provider = "acme",
        model,
        effectiveFrom = "2025-01-01",
        source = "https://acme.test/pricing",
        checkedOn = "2025-01-01",
        tiers = new { standard = new { rates = new { input, output, cacheRead } } },
    };

    /// <summary>The catalogue change a model's first price made, as ingest published it.</summary>
    public static async Task<CatalogueChanged> ChangeOfAsync(AiFinOpsSystem system, string model)
    {
        using var http = Admin(system.Ingest);
        var after = 0L;
        while (true)
        {
            var page = await http.GetFromJsonAsync<JsonElement>($"/api/v1/prices/changes?after={after}&limit=1000");
            var changes = page.GetProperty("changes").EnumerateArray().Select(c => c.Deserialize<CatalogueChanged>(JsonSerializerOptions.Web)!).ToList();
            if (changes.FirstOrDefault(c => c.Model == model) is { } change) return change;
            if (page.GetProperty("nextAfter").ValueKind == JsonValueKind.Null) throw new InvalidOperationException($"no change for {model}");
            after = page.GetProperty("nextAfter").GetInt64();
        }
    }

    public static HttpClient Admin<T>(WebApplicationFactory<T> service) where T : class
    {
        var http = service.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AiFinOpsSystem.AdminKey);
        return http;
    }

    /// <summary>The ledger lines of some calls: (kind, line id, billing period, charge class).</summary>
    public static async Task<List<(string Kind, string LineId, string Period, string ChargeClass)>> LinesAsync(AiFinOpsSystem system, IEnumerable<string> eventIds)
    {
        await using var connection = new NpgsqlConnection(system.DatabaseConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT kind, line_id, billing_period, charge_class FROM allocation.ledger_lines WHERE event_id = ANY(@ids) ORDER BY line_id", connection);
        command.Parameters.AddWithValue("ids", eventIds.ToArray());
        var lines = new List<(string, string, string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        return lines;
    }
}
