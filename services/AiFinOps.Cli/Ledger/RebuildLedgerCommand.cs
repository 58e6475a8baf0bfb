using System.CommandLine;
using System.Text.Json;
using AiFinOps.Cli.Common;
using Spectre.Console;

namespace AiFinOps.Cli.Ledger;

/// <summary><c>aifinops ledger rebuild</c>: rebuilds the ledger's lines and rollups from its events, with a progress bar.</summary>
public sealed class RebuildLedgerCommand : Command
{
    private const string Path = "/api/v1/ledger/rebuild";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    private readonly Option<Uri> _gateway = CommonOptions.Gateway();
    private readonly Option<string?> _key = CommonOptions.ApiKey();
    private readonly Option<bool> _json = CommonOptions.Json();

    public RebuildLedgerCommand() : base("rebuild", "Rebuild the ledger's lines and rollups from its events; waits and shows progress")
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
            await gateway.PostAsync<object?>(Path, null, cancellationToken);
            var progress = parse.GetValue(_json)
                ? await WaitAsync(gateway, _ => { }, cancellationToken)
                : await ShowAsync(gateway, cancellationToken);
            if (parse.GetValue(_json)) Output.Json(progress);
            return Str(progress, "state") == "succeeded" ? ExitCodes.Ok : Output.Error($"The rebuild failed: {Str(progress, "error")}");
        }
        catch (GatewayException exception)
        {
            return Output.Error(exception.Message);
        }
    }

    private static Task<JsonElement> ShowAsync(GatewayClient gateway, CancellationToken cancellationToken) =>
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("rebuilding", maxValue: 1);
                var last = await WaitAsync(gateway, p =>
                {
                    task.MaxValue = Math.Max(1, Num(p, "eventsTotal"));
                    task.Value = Num(p, "eventsDone");
                    task.Description = $"rebuilding  events {Num(p, "eventsDone"):N0} / {Num(p, "eventsTotal"):N0}  lines {Num(p, "linesDone"):N0}";
                }, cancellationToken);
                task.Value = task.MaxValue;
                task.StopTask();
                return last;
            });

    private static async Task<JsonElement> WaitAsync(GatewayClient gateway, Action<JsonElement> update, CancellationToken cancellationToken)
    {
        while (true)
        {
            var progress = await gateway.GetAsync(Path, cancellationToken);
            update(progress);
            if (Str(progress, "state") != "running") return progress;
            await Task.Delay(Poll, cancellationToken);
        }
    }

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static long Num(JsonElement e, string name) => e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt64() : 0;
}
