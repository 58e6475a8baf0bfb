using System.CommandLine;
using System.Text.Json;
using AiFinOps.Cli.Common;
using Spectre.Console;

namespace AiFinOps.Cli.Ledger;

/// <summary>
/// <c>aifinops ledger reprice --provider openai [--model gpt-4o] [--from 2026-10-01] [--to 2026-10-31]</c>: re-prices
/// booked usage with the catalogue as it is now (differences become re-pricing lines, corrections where the period is
/// closed) and waits for the run. Running it again books only what still differs.
/// </summary>
public sealed class RepriceLedgerCommand : Command
{
    private const string Route = "/api/v1/admin/ledger/reprice";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    private readonly Option<string> _provider = new("--provider") { Description = "The provider whose usage to re-price, like openai", Required = true };
    private readonly Option<string?> _model = new("--model") { Description = "A catalogue model name (every model of the provider when absent)" };
    private readonly Option<string?> _from = new("--from") { Description = "First day (2026-10-01) or UTC instant; default: the start of this month" };
    private readonly Option<string?> _to = new("--to") { Description = "Last day, included (2026-10-31), or UTC instant, excluded; default: now" };
    private readonly Option<Uri> _gateway = CommonOptions.Gateway();
    private readonly Option<string?> _key = CommonOptions.ApiKey();
    private readonly Option<bool> _json = CommonOptions.Json();

    public RepriceLedgerCommand() : base("reprice", "Re-price booked usage with the catalogue as it is now; waits for the run")
    {
        Options.Add(_provider);
        Options.Add(_model);
        Options.Add(_from);
        Options.Add(_to);
        Options.Add(_gateway);
        Options.Add(_key);
        Options.Add(_json);
        SetAction(RunAsync);
    }

    public string Path(ParseResult parse)
    {
        var query = new List<string> { "provider=" + Uri.EscapeDataString(parse.GetRequiredValue(_provider)) };
        if (parse.GetValue(_model) is { Length: > 0 } model) query.Add("model=" + Uri.EscapeDataString(model));
        if (parse.GetValue(_from) is { Length: > 0 } from) query.Add("from=" + Uri.EscapeDataString(from));
        if (parse.GetValue(_to) is { Length: > 0 } to) query.Add("to=" + Uri.EscapeDataString(to));
        return Route + "?" + string.Join('&', query);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var gateway = new GatewayClient(parse.GetRequiredValue(_gateway), CommonOptions.ResolveApiKey(parse.GetValue(_key)));
        try
        {
            var started = await gateway.PostAsync<object?>(Path(parse), null, cancellationToken);
            var run = await WaitAsync(gateway, $"{Route}/{started.GetProperty("run").GetString()}", cancellationToken);
            if (parse.GetValue(_json)) Output.Json(run);
            else Print(run);
            return run.GetProperty("state").GetString() == "succeeded"
                ? ExitCodes.Ok
                : Output.Error($"The re-pricing failed: {run.GetProperty("error").GetString()} (the pages booked stay; run it again to finish)");
        }
        catch (GatewayException exception)
        {
            return Output.Error(exception.Message);
        }
    }

    private static async Task<JsonElement> WaitAsync(GatewayClient gateway, string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            var run = await gateway.GetAsync(path, cancellationToken);
            if (run.GetProperty("state").GetString() != "running") return run;
            await Task.Delay(Poll, cancellationToken);
        }
    }

    private static void Print(JsonElement run)
    {
        var p = run.GetProperty("progress");
        AnsiConsole.MarkupLine($"Re-priced {Markup.Escape(run.GetProperty("scope").GetString() ?? "")}: " +
            $"{Output.Tokens(p.GetProperty("calls").GetInt64())} calls in {p.GetProperty("pages").GetInt32()} pages, " +
            $"{Output.Tokens(p.GetProperty("lines").GetInt64())} re-pricing lines; list {Output.Usd(p.GetProperty("listCostUsd").GetDecimal())}, " +
            $"effective {Output.Usd(p.GetProperty("effectiveCostUsd").GetDecimal())}, billed {Output.Usd(p.GetProperty("billedCostUsd").GetDecimal())}");
    }
}
