using AiFinOps.Cli.Common;
using Spectre.Console;

namespace AiFinOps.Cli.Emitting;

/// <summary>The end-of-run tables: what was sent and what the server made of it, then accepted usage per team.</summary>
public static class EmitReport
{
    public static void Print(EmitSummary summary)
    {
        var overview = new Table().Title($"Emitted to {Markup.Escape(summary.Endpoint)} (seed {summary.Seed})")
            .AddColumn("").AddColumn(new TableColumn("Events").RightAligned());
        overview.AddRow("Sent", Output.Tokens(summary.Sent));
        overview.AddRow("  of which resends (--duplicates)", Output.Tokens(summary.Resent));
        overview.AddRow("[green]Accepted[/]", Output.Tokens(summary.Accepted));
        overview.AddRow("[yellow]Duplicates[/]", Output.Tokens(summary.Duplicates));
        overview.AddRow("[red]Rejected[/]", Output.Tokens(summary.Rejected));
        overview.AddRow("[red]Failed[/] (not sent)", Output.Tokens(summary.Failed));
        overview.AddRow("Retried batches", Output.Tokens(summary.Retries));
        overview.AddRow("Batches", Output.Tokens(summary.Batches));
        overview.AddRow("Rate", $"{summary.EventsPerSecond:N0}/s over {summary.ElapsedSeconds:N1} s");
        AnsiConsole.Write(overview);

        var teams = new Table().Title("Accepted usage per team (compare with: aifinops spend --group-by team)").AddColumn("Team");
        foreach (var header in new[] { "Events", "Input", "Output", "Cache read", "Cache write", "Reasoning" })
            teams.AddColumn(new TableColumn(header).RightAligned());
        foreach (var team in summary.Teams) teams.AddRow(Row(Markup.Escape(team.Team), team));
        var total = new TeamTotals("Total",
            summary.Teams.Sum(t => t.Events), summary.Teams.Sum(t => t.InputTokens), summary.Teams.Sum(t => t.OutputTokens),
            summary.Teams.Sum(t => t.CacheReadTokens), summary.Teams.Sum(t => t.CacheWriteTokens), summary.Teams.Sum(t => t.ReasoningTokens));
        if (summary.Teams.Count > 0) teams.AddEmptyRow();
        teams.AddRow(Row("[bold]Total[/]", total).Select((cell, i) => i == 0 ? cell : $"[bold]{cell}[/]").ToArray());
        AnsiConsole.Write(teams);

        foreach (var rejection in summary.Rejections)
            AnsiConsole.MarkupLine($"[red]rejected[/] {Markup.Escape(rejection.EventId)} [bold]{Markup.Escape(rejection.Field)}[/]: {Markup.Escape(rejection.Reason)}");
        if (summary.Rejected > summary.Rejections.Count)
            AnsiConsole.MarkupLine($"[red]… and {summary.Rejected - summary.Rejections.Count:N0} more rejected.[/]");
        if (summary.Failure is { } failure) Output.Error(failure);
    }

    private static string[] Row(string name, TeamTotals totals) =>
    [
        name, Output.Tokens(totals.Events), Output.Tokens(totals.InputTokens), Output.Tokens(totals.OutputTokens),
        Output.Tokens(totals.CacheReadTokens), Output.Tokens(totals.CacheWriteTokens), Output.Tokens(totals.ReasoningTokens),
    ];
}
