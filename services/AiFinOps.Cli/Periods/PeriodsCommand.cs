using System.CommandLine;
using AiFinOps.Cli.Common;
using Spectre.Console;

namespace AiFinOps.Cli.Periods;

/// <summary><c>aifinops periods</c> lists billing periods; <c>aifinops periods close 2026-10</c> closes one (finance key).</summary>
public static class PeriodsCommand
{
    public static Command Create()
    {
        var gateway = CommonOptions.Gateway();
        var key = CommonOptions.ApiKey();
        var json = CommonOptions.Json();
        var list = new Command("periods", "Billing periods: the organisation's time zone and which periods are closed") { gateway, key, json };
        list.SetAction((parse, ct) => RunAsync(parse, gateway, key, json, async client =>
        {
            var calendar = await client.GetAsync("/api/v1/periods", ct);
            if (parse.GetValue(json)) { Output.Json(calendar); return; }
            AnsiConsole.MarkupLine($"time zone [bold]{Markup.Escape(calendar.GetProperty("timeZone").GetString() ?? "")}[/], " +
                $"closed through [bold]{Markup.Escape(calendar.GetProperty("closedThrough").GetString() ?? "none yet")}[/]");
            var table = new Table().AddColumns("period", "closed by", "closed at");
            foreach (var c in calendar.GetProperty("closings").EnumerateArray())
                table.AddRow(c.GetProperty("period").GetString()!, Markup.Escape(c.GetProperty("closedBy").GetString() ?? ""), Output.When(c.GetProperty("closedAt").GetDateTimeOffset()));
            AnsiConsole.Write(table);
        }));

        var period = new Argument<string>("period") { Description = "The billing period to close, e.g. 2026-10" };
        var close = new Command("close", "Close a billing period: later usage and re-pricing for it become corrections in the next open one")
        {
            period, gateway, key, json,
        };
        close.SetAction((parse, ct) => RunAsync(parse, gateway, key, json, async client =>
        {
            var closed = await client.PostAsync<object?>($"/api/v1/periods/{Uri.EscapeDataString(parse.GetRequiredValue(period))}/close", null, ct);
            if (parse.GetValue(json)) Output.Json(closed);
            else AnsiConsole.MarkupLine($"closed [bold]{Markup.Escape(closed.GetProperty("period").GetString() ?? "")}[/]");
        }));
        list.Subcommands.Add(close);
        return list;
    }

    private static async Task<int> RunAsync(ParseResult parse, Option<Uri> gateway, Option<string?> key, Option<bool> json, Func<GatewayClient, Task> run)
    {
        using var client = new GatewayClient(parse.GetRequiredValue(gateway), CommonOptions.ResolveApiKey(parse.GetValue(key)));
        try
        {
            await run(client);
            return ExitCodes.Ok;
        }
        catch (GatewayException exception)
        {
            return Output.Error(exception.Message);
        }
    }
}
