using System.Text.Json;
using AiFinOps.Cli.Common;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AiFinOps.Cli.Spending;

/// <summary>Renders the answer of <c>GET /api/v1/spend</c>: one row per group, then the totals.</summary>
public static class SpendTable
{
    /// <summary>The measures in the answer; optional ones are shown only when some group has a value for them.</summary>
    private static readonly (string Field, string Header, bool Money, bool Optional)[] AllMeasures =
    [
        ("events", "Events", false, false),
        ("inputTokens", "Input", false, false),
        ("outputTokens", "Output", false, false),
        ("cacheReadTokens", "Cache read", false, false),
        ("cacheWriteTokens", "Cache write", false, true),
        ("reasoningTokens", "Reasoning", false, true),
        ("listCostUsd", "List cost", true, false),
        ("effectiveCostUsd", "Effective cost", true, false),
        ("billedCostUsd", "Billed", true, true),
        ("unpricedEvents", "Unpriced", false, true),
    ];

    public static void Print(JsonElement report) => AnsiConsole.Write(Build(report));

    public static IRenderable Build(JsonElement report)
    {
        var dimensions = Dimensions(report);
        var rows = Rows(report);
        var measures = AllMeasures.Where(m => !m.Optional || rows.Any(row => HasValue(row, m.Field))).ToList();
        var table = new Table().Title($"Spend {Text(report, "from")} → {Text(report, "to")}");
        foreach (var dimension in dimensions) table.AddColumn(Markup.Escape(dimension));
        foreach (var measure in measures) table.AddColumn(new TableColumn(measure.Header).RightAligned());

        foreach (var row in rows)
        {
            table.AddRow([.. dimensions.Select(d => Markup.Escape(Text(row, Camel(d)) ?? Text(row, d) ?? "(none)")), .. Cells(row, measures)]);
        }
        if (report.TryGetProperty("totals", out var totals) && totals.ValueKind == JsonValueKind.Object)
        {
            table.AddEmptyRow();
            table.AddRow([.. dimensions.Select((_, i) => i == 0 ? "[bold]Total[/]" : ""), .. Cells(totals, measures).Select(c => $"[bold]{c}[/]")]);
        }
        if (rows.Count == 0) table.Caption("[grey]No spend recorded in this period.[/]");
        return table;
    }

    /// <summary>The groups as CSV: the dimensions, then every measure under its API name, unrounded; no totals row
    /// (a spreadsheet sums), so every line is a group.</summary>
    public static string Csv(JsonElement report)
    {
        var dimensions = Dimensions(report);
        var rows = Rows(report);
        return CsvText.Write([.. dimensions, .. AllMeasures.Select(m => m.Field)],
            rows.Select(row => (IReadOnlyList<string?>)[.. dimensions.Select(d => Text(row, Camel(d)) ?? Text(row, d)),
                .. AllMeasures.Select(m => row.TryGetProperty(m.Field, out var v) && v.ValueKind == JsonValueKind.Number ? CsvText.Number(v.GetDecimal()) : "")]));
    }

    private static string[] Dimensions(JsonElement report) =>
        report.TryGetProperty("groupBy", out var groupBy) && groupBy.ValueKind == JsonValueKind.Array
            ? groupBy.EnumerateArray().Select(d => d.GetString() ?? "").ToArray()
            : ["team"];

    private static List<JsonElement> Rows(JsonElement report) =>
        report.TryGetProperty("rows", out var r) && r.ValueKind == JsonValueKind.Array ? r.EnumerateArray().ToList() : [];

    private static bool HasValue(JsonElement row, string field) =>
        row.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number && value.GetDecimal() != 0;

    private static IEnumerable<string> Cells(JsonElement row, IEnumerable<(string Field, string Header, bool Money, bool Optional)> measures) =>
        measures.Select(measure =>
            !row.TryGetProperty(measure.Field, out var value) || value.ValueKind != JsonValueKind.Number ? "—"
            : measure.Money ? Output.Usd(value.GetDecimal())
            : Output.Tokens(value.GetInt64()));

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : null;

    /// <summary>Dimensions are named in snake_case on the command line (cost_centre) and camelCase in JSON (costCentre).</summary>
    private static string Camel(string dimension)
    {
        var parts = dimension.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
