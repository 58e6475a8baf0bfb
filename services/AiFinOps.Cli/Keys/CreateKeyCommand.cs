using System.CommandLine;
using System.Text.Json;
using AiFinOps.Cli.Common;
using Spectre.Console;

namespace AiFinOps.Cli.Keys;

/// <summary><c>aifinops keys create --name ci --scopes ingest,read [--teams a,b] [--environments prod]</c></summary>
public sealed class CreateKeyCommand : Command
{
    private readonly Option<string> _name = new("--name") { Description = "What the key is for", Required = true };
    private readonly Option<string[]> _scopes = CommonOptions.List("--scopes", $"Comma-separated: {string.Join(", ", ApiKeyScopes.All)}");
    private readonly Option<string[]> _teams = CommonOptions.List("--teams", "Only these teams (default: all)");
    private readonly Option<string[]> _environments = CommonOptions.List("--environments", "Only these environments (default: all)");
    private readonly Option<Uri> _gateway = CommonOptions.Gateway();
    private readonly Option<string?> _key = CommonOptions.ApiKey();
    private readonly Option<bool> _json = CommonOptions.Json();

    public CreateKeyCommand() : base("create", "Issue a key; its secret is shown once")
    {
        _scopes.Required = true;
        _scopes.Validators.Add(result =>
        {
            var scopes = result.GetValueOrDefault<string[]>() ?? [];
            if (scopes.Length == 0) result.AddError($"--scopes: name at least one of {string.Join(", ", ApiKeyScopes.All)}.");
            foreach (var unknown in scopes.Except(ApiKeyScopes.All))
                result.AddError($"Unknown scope '{unknown}'. Scopes: {string.Join(", ", ApiKeyScopes.All)}.");
        });
        Options.Add(_name);
        Options.Add(_scopes);
        Options.Add(_teams);
        Options.Add(_environments);
        Options.Add(_gateway);
        Options.Add(_key);
        Options.Add(_json);
        SetAction(RunAsync);
    }

    public CreateApiKey Request(ParseResult parse) => new(
        parse.GetRequiredValue(_name), parse.GetRequiredValue(_scopes), parse.GetRequiredValue(_teams), parse.GetRequiredValue(_environments));

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var gateway = new GatewayClient(parse.GetRequiredValue(_gateway), CommonOptions.ResolveApiKey(parse.GetValue(_key)));
        try
        {
            var created = await gateway.PostAsync("/api/v1/keys", Request(parse), cancellationToken);
            if (parse.GetValue(_json)) Output.Json(created);
            else Print(created.Deserialize<ApiKeyView>(GatewayClient.Json)!);
            return ExitCodes.Ok;
        }
        catch (GatewayException exception)
        {
            return Output.Error(exception.Message);
        }
    }

    private static void Print(ApiKeyView key)
    {
        AnsiConsole.MarkupLine($"[green]Key issued.[/] Secret (shown only now — store it): [bold yellow]{Markup.Escape(key.Key ?? "")}[/]");
        var table = new Table().AddColumns("Key id", "Name", "Scopes", "Teams", "Environments", "Issued");
        table.AddRow(
            Markup.Escape(key.KeyId), Markup.Escape(key.Name), Markup.Escape(string.Join(",", key.Scopes ?? [])),
            Markup.Escape(ApiKeyView.Restriction(key.Teams)), Markup.Escape(ApiKeyView.Restriction(key.Environments)),
            Output.When(key.IssuedAt));
        AnsiConsole.Write(table);
    }
}
