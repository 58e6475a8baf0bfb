using System.CommandLine;
using System.Text.Json;
using AiFinOps.Cli.Common;
using Spectre.Console;

namespace AiFinOps.Cli.Keys;

/// <summary><c>aifinops keys list</c></summary>
public sealed class ListKeysCommand : Command
{
    private readonly Option<Uri> _gateway = CommonOptions.Gateway();
    private readonly Option<string?> _key = CommonOptions.ApiKey();
    private readonly Option<bool> _json = CommonOptions.Json();

    public ListKeysCommand() : base("list", "List keys (never their secrets)")
    {
        Options.Add(_gateway);
        Options.Add(_key);
        Options.Add(_json);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var gateway = new GatewayClient(parse.GetRequiredValue(_gateway), CommonOptions.ResolveApiKey(parse.GetValue(_key)));
        try
        {
            var keys = await gateway.GetAsync("/api/v1/keys", cancellationToken);
            if (parse.GetValue(_json)) Output.Json(keys);
            else Print(keys.Deserialize<ApiKeyView[]>(GatewayClient.Json) ?? []);
            return ExitCodes.Ok;
        }
        catch (GatewayException exception)
        {
            return Output.Error(exception.Message);
        }
    }

    private static void Print(ApiKeyView[] keys)
    {
        var table = new Table().AddColumns("Key id", "Name", "Scopes", "Teams", "Environments", "Issued", "Revoked");
        foreach (var key in keys.OrderBy(k => k.IssuedAt))
        {
            table.AddRow(
                Markup.Escape(key.KeyId), Markup.Escape(key.Name), Markup.Escape(string.Join(",", key.Scopes ?? [])),
                Markup.Escape(ApiKeyView.Restriction(key.Teams)), Markup.Escape(ApiKeyView.Restriction(key.Environments)),
                Output.When(key.IssuedAt), key.RevokedAt is { } revoked ? $"[red]{Output.When(revoked)}[/]" : "");
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"{keys.Length} key(s), {keys.Count(k => k.RevokedAt is null)} active.");
    }
}
