using System.Text.Json;

namespace AiFinOps.Web.Overview;

/// <summary>Reads of a <c>GET /api/v1/spend</c> answer the pages share.</summary>
public static class SpendRows
{
    public static IReadOnlyList<JsonElement> Rows(JsonElement spend) =>
        spend.ValueKind == JsonValueKind.Object && spend.TryGetProperty("rows", out var rows) ? [.. rows.EnumerateArray()] : [];

    public static decimal Total(JsonElement spend, string figure = "effectiveCostUsd") =>
        spend.ValueKind == JsonValueKind.Object && spend.TryGetProperty("totals", out var totals) ? totals.GetProperty(figure).GetDecimal() : 0m;

    /// <summary>A row's name in the given dimensions (<c>openai/gpt-4o</c> for provider,model).</summary>
    public static string Name(JsonElement row, params string[] dimensions) =>
        string.Join("/", dimensions.Select(d => row.GetProperty(d).GetString()));

    /// <summary>Effective cost per period of a grouped-by-granularity answer, summed over its groups, oldest first.</summary>
    public static IReadOnlyList<(string Label, decimal Value)> PerPeriod(JsonElement spend) =>
        [.. Rows(spend).GroupBy(r => r.GetProperty("period").GetString()!).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Sum(r => r.GetProperty("effectiveCostUsd").GetDecimal())))];
}
