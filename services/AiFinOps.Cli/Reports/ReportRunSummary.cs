using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AiFinOps.Cli.Reports;

/// <summary>Pure: what a report run prints — which version it made or met, and the links to its formats.</summary>
public static class ReportRunSummary
{
    public static IReadOnlyList<string> Lines(JsonElement run, Uri gateway)
    {
        var root = gateway.ToString().TrimEnd('/');
        var links = run.GetProperty("links");
        var added = run.GetProperty("added").GetBoolean();
        return
        [
            $"[bold]{Markup.Escape(run.GetProperty("kind").GetString()!)} report {Markup.Escape(run.GetProperty("period").GetString()!)}[/]: " +
                $"version {run.GetProperty("version").GetInt32()} ({(added ? "new" : "unchanged: the figures are the same as the stored version")})",
            $"HTML  {Markup.Escape(root + links.GetProperty("html").GetString())}",
            $"JSON  {Markup.Escape(root + links.GetProperty("json").GetString())}",
            $"CSV   {Markup.Escape(root + links.GetProperty("csv").GetString() + "/{table}.csv")}  tables: " +
                Markup.Escape(string.Join(", ", links.GetProperty("tables").EnumerateArray().Select(t => t.GetString()))),
        ];
    }

    /// <summary>The run as an aligned table: what it made, then one row per format with its address, the CSV tables below.</summary>
    public static IRenderable Build(JsonElement run, Uri gateway)
    {
        var root = gateway.ToString().TrimEnd('/');
        var links = run.GetProperty("links");
        var table = new Table().Title(Lines(run, gateway)[0]);
        table.AddColumn("Format");
        table.AddColumn("Address");
        table.AddRow("HTML", Markup.Escape(root + links.GetProperty("html").GetString()));
        table.AddRow("JSON", Markup.Escape(root + links.GetProperty("json").GetString()));
        table.AddRow("CSV", Markup.Escape($"{root}{links.GetProperty("csv").GetString()}/{{table}}.csv"));
        // One line for every table, not one each: a quarterly pack has a dozen and the addresses would fill the screen.
        return table.Caption(Markup.Escape("tables: " + string.Join(", ", Tables(run)) + " (aifinops report … --csv --table <table>)"));
    }

    /// <summary>The path of one table's CSV: the one asked for, else the report's first.</summary>
    public static string CsvPath(JsonElement run, string? table)
    {
        var tables = Tables(run);
        var name = table ?? tables.FirstOrDefault() ?? "summary";
        if (table is not null && tables.Count > 0 && !tables.Contains(table, StringComparer.Ordinal))
            throw new Common.GatewayException($"The report has no table '{table}'; its tables: {string.Join(", ", tables)}.");
        return $"{run.GetProperty("links").GetProperty("csv").GetString()}/{name}.csv";
    }

    private static List<string> Tables(JsonElement run) =>
        [.. run.GetProperty("links").GetProperty("tables").EnumerateArray().Select(t => t.GetString()!)];
}
