using System.CommandLine;
using AiFinOps.Cli.Common;
using Spectre.Console;

namespace AiFinOps.Cli.Workflows;

/// <summary>
/// <c>aifinops workflows register support-triage --team support --estimated-monthly-cost 1500 --expected-tokens-per-run 12000
/// --expected-runs-per-day 400 [--description] [--models] [--value-unit] [--launch-date] [--token-spike-factor] [--output-shift-threshold]</c>
/// </summary>
public sealed class RegisterWorkflowCommand : Command
{
    private readonly Argument<string> _name = new("name") { Description = "The workflow tag its calls carry, e.g. support-triage" };
    private readonly WorkflowTermOptions _terms = new();
    private readonly Option<Uri> _gateway = CommonOptions.Gateway();
    private readonly Option<string?> _key = CommonOptions.ApiKey();
    private readonly Option<bool> _json = CommonOptions.Json();

    public RegisterWorkflowCommand() : base("register", "Register a workflow before it spends: owner, estimate, expectations")
    {
        Arguments.Add(_name);
        _terms.Team.Required = true;
        _terms.AddTo(this);
        Options.Add(_gateway);
        Options.Add(_key);
        Options.Add(_json);
        SetAction(RunAsync);
    }

    public WorkflowBody Body(ParseResult parse) => _terms.Body(parse, parse.GetRequiredValue(_name));

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var gateway = new GatewayClient(parse.GetRequiredValue(_gateway), CommonOptions.ResolveApiKey(parse.GetValue(_key)));
        try
        {
            var registered = await gateway.PostAsync("/api/v1/workflows", Body(parse), cancellationToken);
            if (parse.GetValue(_json)) Output.Json(registered);
            else
            {
                AnsiConsole.MarkupLine($"[green]Registered[/] [bold]{Markup.Escape(registered.GetProperty("name").GetString() ?? "")}[/].");
                AnsiConsole.Write(WorkflowTable.Build(System.Text.Json.JsonSerializer.SerializeToElement(new[] { registered })));
            }
            return ExitCodes.Ok;
        }
        catch (GatewayException exception)
        {
            return Output.Error(exception.Message);
        }
    }
}
