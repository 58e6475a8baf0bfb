using System.CommandLine;
using System.Text.Json;
using AiFinOps.Cli.Common;
using Spectre.Console;

namespace AiFinOps.Cli.DeadLetters;

/// <summary><c>aifinops dead-letters replay SERVICE [--queue Q]</c>: moves parked messages back to be consumed again.</summary>
public sealed class ReplayDeadLettersCommand : Command
{
    private readonly Argument<string> _service = new("service")
    {
        Description = "The service whose dead-letter queues to replay: " + string.Join(", ", DeadLettersCommand.Services),
    };

    private readonly Option<string?> _queue = new("--queue") { Description = "Only this receive queue of the service (default: all of them)" };
    private readonly Option<Uri> _gateway = CommonOptions.Gateway();
    private readonly Option<string?> _key = CommonOptions.ApiKey();
    private readonly Option<bool> _json = CommonOptions.Json();

    public ReplayDeadLettersCommand() : base("replay", "Move a service's parked messages back to its queues (consumers ignore what they already handled)")
    {
        Arguments.Add(_service);
        Options.Add(_queue);
        Options.Add(_gateway);
        Options.Add(_key);
        Options.Add(_json);
        SetAction(RunAsync);
    }

    /// <summary>The replay's path, or null when the service is not one with dead-letter queues.</summary>
    public string? ReplayPath(ParseResult parse)
    {
        var service = parse.GetRequiredValue(_service).Trim().ToLowerInvariant();
        if (!DeadLettersCommand.Services.Contains(service)) return null;
        var queue = parse.GetValue(_queue);
        return DeadLettersCommand.Route(service) + "/replay" + (string.IsNullOrWhiteSpace(queue) ? "" : "?queue=" + Uri.EscapeDataString(queue.Trim()));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        if (ReplayPath(parse) is not { } path)
        {
            return Output.Error($"'{parse.GetRequiredValue(_service)}' is not a service with dead-letter queues; use one of: {string.Join(", ", DeadLettersCommand.Services)}.");
        }
        using var gateway = new GatewayClient(parse.GetRequiredValue(_gateway), CommonOptions.ResolveApiKey(parse.GetValue(_key)));
        try
        {
            var answer = await gateway.PostAsync(path, new { }, cancellationToken);
            if (parse.GetValue(_json))
            {
                Output.Json(answer);
                return ExitCodes.Ok;
            }
            var replayed = answer.Deserialize<DeadLettersView>(GatewayClient.Json)!;
            foreach (var queue in replayed.Queues)
                AnsiConsole.MarkupLine($"{Markup.Escape(queue.DeadLetterQueue)} → {Markup.Escape(queue.Queue)}: {queue.Messages:N0} message(s) replayed");
            AnsiConsole.MarkupLine($"[green]Replayed {replayed.Messages:N0} message(s)[/] of {Markup.Escape(replayed.Service)}.");
            return ExitCodes.Ok;
        }
        catch (GatewayException exception)
        {
            return Output.Error(exception.Message);
        }
    }
}
