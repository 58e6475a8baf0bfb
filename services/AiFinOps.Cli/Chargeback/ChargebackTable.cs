using System.Text.Json;
using AiFinOps.Cli.Common;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AiFinOps.Cli.Chargeback;

/// <summary>
/// Renders the answer of <c>GET /api/v1/chargeback/{period}</c>: one row per line (corrections and shares of shared
/// costs marked), then the regular and correction subtotals when there are corrections, then the total.
/// </summary>
public static class ChargebackTable
{
    private static readonly (string Field, string Header, bool Money, bool Optional)[] AllMeasures =
    [
        ("events", "Events", false, false),
        ("inputTokens", "Input", false, false),
        ("outputTokens", "Output", false, false),
        ("cacheReadTokens", "Cache read", false, true),
        ("cacheWriteTokens", "Cache write", false, true),
        ("reasoningTokens", "Reasoning", false, true),
        ("listCostUsd", "List cost", true, false),
        ("effectiveCostUsd", "Effective cost", true, false),
        ("billedCostUsd", "Billed cost", true, false),
        ("unpricedEvents", "Unpriced", false, true),
    ];

    public static void Print(JsonElement statement) => AnsiConsole.Write(Build(statement));

    public static IRenderable Build(JsonElement statement)
    {
        var dimensions = statement.TryGetProperty("groupBy", out var groupBy) && groupBy.ValueKind == JsonValueKind.Array
            ? groupBy.EnumerateArray().Select(d => d.GetString() ?? "").ToArray()
            : ["cost_centre"];
        var lines = statement.TryGetProperty("lines", out var l) && l.ValueKind == JsonValueKind.Array ? l.EnumerateArray().ToList() : [];
        var measures = AllMeasures.Where(m => !m.Optional || lines.Any(line => HasValue(line, m.Field))).ToList();
        var shared = lines.Any(line => Text(line, "sharedFrom") is not null);

        var table = new Table().Title(Markup.Escape(Title(statement)));
        foreach (var dimension in dimensions) table.AddColumn(Markup.Escape(dimension));
        table.AddColumn("Class");
        if (shared) table.AddColumn("Shared from");
        foreach (var measure in measures) table.AddColumn(new TableColumn(measure.Header).RightAligned());

        foreach (var line in lines)
        {
            var cells = dimensions.Select(d => Markup.Escape(Text(line, Camel(d)) ?? "")).ToList();
            cells.Add(Text(line, "chargeClass") == "Correction" ? "[yellow]Correction[/]" : "Regular");
            if (shared) cells.Add(Markup.Escape(Text(line, "sharedFrom") ?? ""));
            table.AddRow([.. cells, .. Cells(line, measures)]);
        }

        var labels = dimensions.Length + 1 + (shared ? 1 : 0);
        if (statement.TryGetProperty("byChargeClass", out var byClass) && byClass.TryGetProperty("Correction", out var corrections)
            && (HasValue(corrections, "events") || HasValue(corrections, "effectiveCostUsd")))
        {
            table.AddEmptyRow();
            foreach (var chargeClass in new[] { "Regular", "Correction" })
                table.AddRow([.. Label(labels, $"{chargeClass} subtotal"), .. Cells(byClass.GetProperty(chargeClass), measures)]);
        }
        if (statement.TryGetProperty("totals", out var totals) && totals.ValueKind == JsonValueKind.Object)
        {
            table.AddEmptyRow();
            table.AddRow([.. Label(labels, "[bold]Total[/]"), .. Cells(totals, measures).Select(c => $"[bold]{c}[/]")]);
        }
        if (lines.Count == 0) table.Caption("[grey]No spend charged in this period.[/]");
        else if (statement.TryGetProperty("teams", out var teams) && teams.GetArrayLength() > 0)
            table.Caption(Markup.Escape($"Only the lines of {string.Join(", ", teams.EnumerateArray().Select(t => t.GetString()))} (team key)."));
        return table;
    }

    private static string Title(JsonElement statement)
    {
        var title = $"Chargeback {Text(statement, "period")} ({Text(statement, "timeZone")})";
        return Text(statement, "status") == "closed"
            ? $"{title} · closed {Output.When(statement.GetProperty("closedAt").GetDateTimeOffset())} by {Text(statement, "closedBy")}, frozen"
            : $"{title} · open";
    }

    private static IEnumerable<string> Label(int columns, string label) => Enumerable.Range(0, columns).Select(i => i == 0 ? label : "");

    private static bool HasValue(JsonElement row, string field) =>
        row.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number && value.GetDecimal() != 0;

    private static IEnumerable<string> Cells(JsonElement row, IEnumerable<(string Field, string Header, bool Money, bool Optional)> measures) =>
        measures.Select(measure =>
            !row.TryGetProperty(measure.Field, out var value) || value.ValueKind != JsonValueKind.Number ? "—"
            : measure.Money ? Output.Usd(value.GetDecimal())
            : Output.Tokens(value.GetInt64()));

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : null;

    /// <summary>Dimensions are snake_case on the command line (cost_centre) and camelCase in the JSON lines (costCentre).</summary>
    private static string Camel(string dimension)
    {
        var parts = dimension.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
