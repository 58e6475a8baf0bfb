using System.Text.Json;
using AiFinOps.Cli.Common;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AiFinOps.Cli.Budgets;

/// <summary>Pure: renders budget statuses (<c>GET /api/v1/budgets/{id}/status</c>) as a table or CSV.</summary>
public static class BudgetTable
{
    private static readonly string[] CsvHeaders =
        ["budgetId", "name", "scope", "period", "periodStart", "periodEnd", "amountUsd", "spentUsd", "remainingUsd", "percentUsed",
         "events", "daysLeft", "thresholdsCrossed", "burnRateUsdPerDay", "forecastUsd", "projectedOverBudget", "archived"];

    public static void Print(IReadOnlyList<JsonElement> statuses) => AnsiConsole.Write(Build(statuses));

    public static IRenderable Build(IReadOnlyList<JsonElement> statuses)
    {
        var table = new Table().Title("Budgets · current period");
        table.AddColumn("Budget");
        table.AddColumn("Scope");
        table.AddColumn("Period");
        foreach (var header in new[] { "Amount", "Spent", "Remaining", "Used", "Forecast", "Days left" })
            table.AddColumn(new TableColumn(header).RightAligned());
        table.AddColumn("Thresholds crossed");

        foreach (var s in statuses)
        {
            var used = Number(s, "percentUsed") ?? 0m;
            var colour = used >= 100 ? "red" : used >= 80 ? "yellow" : "green";
            var forecast = Number(s, "forecastUsd");
            var over = s.TryGetProperty("forecastAlert", out var alert) && alert.TryGetProperty("projectedOverBudget", out var p) && p.ValueKind == JsonValueKind.True;
            table.AddRow(
                Markup.Escape(Text(s, "name") ?? Text(s, "budgetId") ?? ""),
                Markup.Escape(Text(s, "scope") ?? ""),
                Markup.Escape(Text(s, "period") ?? ""),
                Output.Usd(Number(s, "amountUsd")),
                Output.Usd(Number(s, "spentUsd")),
                Output.Usd(Number(s, "remainingUsd")),
                $"[{colour}]{used:0.#} %[/]",
                forecast is null ? "—" : over ? $"[red]{Output.Usd(forecast)}[/]" : Output.Usd(forecast),
                Text(s, "daysLeft") ?? "",
                Crossed(s) is { Count: > 0 } crossed ? string.Join(", ", crossed.Select(t => $"{t} %")) : "—");
        }
        if (statuses.Count == 0) table.Caption("[grey]No budgets yet: define one with POST /api/v1/budgets (finance key), see docs/budgets.md.[/]");
        return table;
    }

    public static string Csv(IReadOnlyList<JsonElement> statuses) =>
        CsvText.Write(CsvHeaders, statuses.Select(s => (IReadOnlyList<string?>)
        [
            Text(s, "budgetId"), Text(s, "name"), Text(s, "scope"), Text(s, "period"), Text(s, "periodStart"), Text(s, "periodEnd"),
            Raw(s, "amountUsd"), Raw(s, "spentUsd"), Raw(s, "remainingUsd"), Raw(s, "percentUsed"), Raw(s, "events"), Raw(s, "daysLeft"),
            string.Join(';', Crossed(s)), Raw(s, "burnRateUsdPerDay"), Raw(s, "forecastUsd"),
            s.TryGetProperty("forecastAlert", out var a) && a.TryGetProperty("projectedOverBudget", out var p) ? (p.ValueKind == JsonValueKind.True ? "true" : "false") : "",
            s.TryGetProperty("archived", out var archived) && archived.ValueKind == JsonValueKind.True ? "true" : "false",
        ]));

    /// <summary>The percentages of the thresholds crossed in the period (CSV joins them with ';': 80;100).</summary>
    private static List<int> Crossed(JsonElement status) =>
        status.TryGetProperty("thresholds", out var thresholds) && thresholds.ValueKind == JsonValueKind.Array
            ? [.. thresholds.EnumerateArray()
                .Where(t => t.TryGetProperty("crossed", out var c) && c.ValueKind == JsonValueKind.True)
                .Select(t => t.GetProperty("percent").GetInt32())]
            : [];

    private static decimal? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDecimal() : null;

    private static string Raw(JsonElement element, string name) => Number(element, name) is { } n ? CsvText.Number(n) : "";

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : null;
}
