using System.CommandLine;
using AiFinOps.Cli.Common;
using Spectre.Console;

namespace AiFinOps.Cli.Workflows;

/// <summary><c>aifinops workflows list [--include-retired]</c></summary>
public sealed class ListWorkflowsCommand : Command
{
    private readonly Option<bool> _includeRetired = new("--include-retired") { Description = "Also list retired workflows" };
    private readonly Option<Uri> _gateway = CommonOptions.Gateway();
    private readonly Option<string?> _key = CommonOptions.ApiKey();
    private readonly Option<bool> _json = CommonOptions.Json();

    public ListWorkflowsCommand() : base("list", "List registered workflows and what their checklist misses")
    {
        Options.Add(_includeRetired);
        Options.Add(_gateway);
        Options.Add(_key);
        Options.Add(_json);
        SetAction(RunAsync);
    }

    public string Path(ParseResult parse) => "/api/v1/workflows" + (parse.GetValue(_includeRetired) ? "?includeRetired=true" : "");

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var gateway = new GatewayClient(parse.GetRequiredValue(_gateway), CommonOptions.ResolveApiKey(parse.GetValue(_key)));
        try
        {
            var workflows = await gateway.GetAsync(Path(parse), cancellationToken);
            if (parse.GetValue(_json)) Output.Json(workflows);
            else AnsiConsole.Write(WorkflowTable.Build(workflows));
            return ExitCodes.Ok;
        }
        catch (GatewayException exception)
        {
            return Output.Error(exception.Message);
        }
    }
}
