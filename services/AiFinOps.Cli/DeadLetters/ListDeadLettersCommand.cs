using System.CommandLine;
using System.Text.Json;
using AiFinOps.Cli.Common;
using Spectre.Console;

namespace AiFinOps.Cli.DeadLetters;

/// <summary><c>aifinops dead-letters list</c>: every service's dead-letter queues and how many messages wait in each.</summary>
public sealed class ListDeadLettersCommand : Command
{
    private readonly Option<Uri> _gateway = CommonOptions.Gateway();
    private readonly Option<string?> _key = CommonOptions.ApiKey();
    private readonly Option<bool> _json = CommonOptions.Json();

    public ListDeadLettersCommand() : base("list", "How many messages wait in each service's dead-letter queues")
    {
        Options.Add(_gateway);
        Options.Add(_key);
        Options.Add(_json);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var gateway = new GatewayClient(parse.GetRequiredValue(_gateway), CommonOptions.ResolveApiKey(parse.GetValue(_key)));
        var answers = new List<DeadLettersView>();
        var failures = new List<string>();
        foreach (var service in DeadLettersCommand.Services)
        {
            try
            {
                var answer = await gateway.GetAsync(DeadLettersCommand.Route(service), cancellationToken);
                answers.Add(answer.Deserialize<DeadLettersView>(GatewayClient.Json)!);
            }
            catch (GatewayException exception)
            {
                failures.Add($"{service}: {exception.Message}");
            }
        }
        if (parse.GetValue(_json)) Output.Json(answers);
        else Print(answers);
        foreach (var failure in failures) Output.Error(failure);
        return failures.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static void Print(IReadOnlyList<DeadLettersView> answers)
    {
        var table = new Table().AddColumns(new TableColumn("Service"), new TableColumn("Dead-letter queue"), new TableColumn("Messages").RightAligned());
        foreach (var answer in answers)
            foreach (var queue in answer.Queues)
                table.AddRow(Markup.Escape(answer.Service), Markup.Escape(queue.DeadLetterQueue),
                    queue.Messages > 0 ? $"[red]{queue.Messages:N0}[/]" : "0");
        AnsiConsole.Write(table);
        var parked = answers.Sum(a => a.Messages);
        AnsiConsole.MarkupLine(parked == 0
            ? "Nothing parked."
            : $"[red]{parked:N0} message(s) parked[/]: find why in the service's log, fix it, then `aifinops dead-letters replay SERVICE`.");
    }
}
