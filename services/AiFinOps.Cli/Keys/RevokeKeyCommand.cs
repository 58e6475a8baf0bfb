using System.CommandLine;
using AiFinOps.Cli.Common;
using Spectre.Console;

namespace AiFinOps.Cli.Keys;

/// <summary><c>aifinops keys revoke KEY_ID</c></summary>
public sealed class RevokeKeyCommand : Command
{
    private readonly Argument<string> _keyId = new("key-id") { Description = "The id of the key (not its secret)" };
    private readonly Option<Uri> _gateway = CommonOptions.Gateway();
    private readonly Option<string?> _key = CommonOptions.ApiKey();

    public RevokeKeyCommand() : base("revoke", "Revoke a key; services refuse it within 30 s")
    {
        Arguments.Add(_keyId);
        Options.Add(_gateway);
        Options.Add(_key);
        SetAction(RunAsync);
    }

    public string KeyPath(ParseResult parse) => $"/api/v1/keys/{Uri.EscapeDataString(parse.GetRequiredValue(_keyId))}";

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var gateway = new GatewayClient(parse.GetRequiredValue(_gateway), CommonOptions.ResolveApiKey(parse.GetValue(_key)));
        try
        {
            await gateway.DeleteAsync(KeyPath(parse), cancellationToken);
            AnsiConsole.MarkupLine($"[green]Revoked[/] key {Markup.Escape(parse.GetRequiredValue(_keyId))}.");
            return ExitCodes.Ok;
        }
        catch (GatewayException exception)
        {
            return Output.Error(exception.Message);
        }
    }
}
