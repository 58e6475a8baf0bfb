using System.Text.Json;
using Spectre.Console;

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
}
