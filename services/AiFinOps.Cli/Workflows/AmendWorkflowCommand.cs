using System.CommandLine;
using AiFinOps.Cli.Common;
using Spectre.Console;

namespace AiFinOps.Cli.Workflows;

/// <summary>
/// <c>aifinops workflows amend support-triage --estimated-monthly-cost 2500</c>: reads the workflow, changes the terms
/// given and sends the whole checklist back (the API replaces the terms).
/// </summary>
public sealed class AmendWorkflowCommand : Command
{
    private readonly Argument<string> _name = new("name") { Description = "The registered workflow, e.g. support-triage" };
    private readonly WorkflowTermOptions _terms = new();
    private readonly Option<Uri> _gateway = CommonOptions.Gateway();
    private readonly Option<string?> _key = CommonOptions.ApiKey();
    private readonly Option<bool> _json = CommonOptions.Json();

    public AmendWorkflowCommand() : base("amend", "Change a registered workflow's terms; those not given stay as they are")
    {
        Arguments.Add(_name);
        _terms.AddTo(this);
        Options.Add(_gateway);
        Options.Add(_key);
        Options.Add(_json);
        SetAction(RunAsync);
    }

    public string Path(ParseResult parse) => $"/api/v1/workflows/{Uri.EscapeDataString(parse.GetRequiredValue(_name))}";

    public WorkflowBody Body(ParseResult parse, System.Text.Json.JsonElement current) => _terms.Body(parse, parse.GetRequiredValue(_name), current);

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var gateway = new GatewayClient(parse.GetRequiredValue(_gateway), CommonOptions.ResolveApiKey(parse.GetValue(_key)));
        try
        {
            var current = await gateway.GetAsync(Path(parse), cancellationToken);
            var amended = await gateway.PutAsync(Path(parse), Body(parse, current), cancellationToken);
            if (parse.GetValue(_json)) Output.Json(amended);
            else
            {
                AnsiConsole.MarkupLine($"[green]Amended[/] [bold]{Markup.Escape(amended.GetProperty("name").GetString() ?? "")}[/].");
                AnsiConsole.Write(WorkflowTable.Build(System.Text.Json.JsonSerializer.SerializeToElement(new[] { amended })));
            }
            return ExitCodes.Ok;
        }
        catch (GatewayException exception)
        {
            return Output.Error(exception.Message);
        }
    }
}
