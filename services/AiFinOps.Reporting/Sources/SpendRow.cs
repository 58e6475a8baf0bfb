using System.Text.Json;

namespace AiFinOps.Reporting.Sources;

/// <summary>
/// One row of allocation's <c>GET /api/v1/spend</c>: the values of the grouped dimensions, the period (first day, UTC)
/// when a granularity was asked, and the figures, exactly as allocation summed them.
/// </summary>
public sealed record SpendRow(
    IReadOnlyDictionary<string, string> Dimensions,
    string? Period,
    decimal ListCostUsd,
    decimal EffectiveCostUsd,
    long Events,
    long UnpricedEvents,
    long InputTokens,
    long OutputTokens,
    long CacheReadTokens,
    long CacheWriteTokens,
    long ReasoningTokens)
{
    private static readonly HashSet<string> Figures =
    [
        "period", "listCostUsd", "effectiveCostUsd", "billedCostUsd", "events", "unpricedEvents", "inputTokens", "outputTokens",
        "cacheReadTokens", "cacheWriteTokens", "reasoningTokens",
    ];

    public string this[string dimension] => Dimensions.TryGetValue(dimension, out var value) ? value : "";

    /// <summary><c>provider/model</c>, the catalogue's name of a model.</summary>
    public string ModelKey => $"{this["provider"]}/{this["model"]}";

    public static SpendRow Parse(JsonElement row) => new(
        row.EnumerateObject().Where(p => !Figures.Contains(p.Name) && p.Value.ValueKind == JsonValueKind.String)
            .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal),
        row.TryGetProperty("period", out var period) ? period.GetString() : null,
        row.GetProperty("listCostUsd").GetDecimal(),
        row.GetProperty("effectiveCostUsd").GetDecimal(),
        row.GetProperty("events").GetInt64(),
        row.GetProperty("unpricedEvents").GetInt64(),
        row.GetProperty("inputTokens").GetInt64(),
        row.GetProperty("outputTokens").GetInt64(),
        row.GetProperty("cacheReadTokens").GetInt64(),
        row.GetProperty("cacheWriteTokens").GetInt64(),
        row.GetProperty("reasoningTokens").GetInt64());
}
