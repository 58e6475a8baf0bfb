using System.Globalization;
using System.Text.Json;
using AiFinOps.Cli.Common;
using Spectre.Console;

namespace AiFinOps.Cli.Workflows;

/// <summary>Registered workflows as a table: owner, estimate, expectations, and what the launch checklist misses.</summary>
public static class WorkflowTable
{
    public static Table Build(JsonElement workflows)
    {
        var table = new Table().AddColumns("Workflow", "Owner", "Est. monthly", "Tokens/run", "Runs/day", "Value unit", "Missing");
        foreach (var w in workflows.EnumerateArray())
        {
            var retired = w.TryGetProperty("retired", out var r) && r.ValueKind == JsonValueKind.True;
            table.AddRow(
                Markup.Escape(Text(w, "name")) + (retired ? " [grey](retired)[/]" : ""),
                Markup.Escape(Text(w, "ownerTeam")),
                Number(w, "estimatedMonthlyCostUsd") is { } estimate ? Output.Usd(estimate) : "[yellow]none[/]",
                Number(w, "expectedTokensPerRun") is { } tokens ? Output.Tokens((long)tokens) : "learned",
                Number(w, "expectedRunsPerDay") is { } runs ? runs.ToString("#,##0.#", CultureInfo.InvariantCulture) : "—",
                Markup.Escape(Text(w, "valueUnit")),
                Markup.Escape(w.TryGetProperty("missing", out var m) && m.ValueKind == JsonValueKind.Array
                    ? string.Join(", ", m.EnumerateArray().Select(x => x.GetString()))
                    : ""));
        }
        return table;
    }

    private static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";

    private static decimal? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : null;
}
