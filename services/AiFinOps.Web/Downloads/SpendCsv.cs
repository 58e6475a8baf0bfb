using System.Text.Json;

namespace AiFinOps.Web.Downloads;

/// <summary>A <c>GET /api/v1/spend</c> answer as CSV: one line per group, figures exactly as the API gave them.</summary>
public static class SpendCsv
{
    public static readonly IReadOnlyList<string> Figures =
        ["listCostUsd", "effectiveCostUsd", "billedCostUsd", "events", "unpricedEvents", "inputTokens", "outputTokens"];

    public static string Of(string dimension, JsonElement spend) => Csv.Build(
        [dimension, .. Figures],
        spend.GetProperty("rows").EnumerateArray().Select(row => (IReadOnlyList<string>)
            [row.GetProperty(dimension).GetString() ?? "", .. Figures.Select(f => row.TryGetProperty(f, out var v) ? v.GetRawText() : "")]));
}
