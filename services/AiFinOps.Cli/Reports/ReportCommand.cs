using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using AiFinOps.Cli.Common;
using Spectre.Console;

namespace AiFinOps.Cli.Reports;

/// <summary>
/// <c>aifinops report monthly 2026-10</c> and <c>aifinops report quarterly 2026-Q3</c>: generate a report now (finance
/// key) — a new version when its figures changed, else the stored one — and say where to read it.
/// </summary>
public static partial class ReportCommand
{
    public static Command Create()
    {
        var report = new Command("report", "Generate the monthly AI cost report or the quarterly review pack on demand (finance key)");
        report.Subcommands.Add(Run("monthly", "month", "The month, yyyy-MM (UTC), e.g. 2026-10", MonthPattern()));
        report.Subcommands.Add(Run("quarterly", "quarter", "The quarter, yyyy-Qn (UTC), e.g. 2026-Q3", QuarterPattern()));
        return report;
    }

    /// <summary>The request path of a run: <c>POST /api/v1/reports/{kind}/{period}</c>.</summary>
    public static string Path(string kind, string period) => $"/api/v1/reports/{kind}/{period}";

    private static Command Run(string kind, string unit, string description, Regex pattern)
    {
        var period = new Argument<string>(unit)
        {
            Description = description,
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (!pattern.IsMatch(text)) result.AddError($"'{text}' is not a {unit}: {description}.");
                return text;
            },
        };
        var gateway = CommonOptions.Gateway();
        var key = CommonOptions.ApiKey();
        var json = CommonOptions.Json();
        var command = new Command(kind, kind == "monthly" ? "The monthly AI cost report of a month" : "The quarterly review pack of a quarter")
        {
            period, gateway, key, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var root = parse.GetRequiredValue(gateway);
            using var client = new GatewayClient(root, CommonOptions.ResolveApiKey(parse.GetValue(key)));
            try
            {
                var run = await client.PostAsync<object?>(Path(kind, parse.GetRequiredValue(period)), null, ct);
                if (parse.GetValue(json)) Output.Json(run);
                else foreach (var line in ReportRunSummary.Lines(run, root)) AnsiConsole.MarkupLine(line);
                return ExitCodes.Ok;
            }
            catch (GatewayException exception)
            {
                return Output.Error(exception.Message);
            }
        });
        return command;
    }

    [GeneratedRegex(@"^\d{4}-(0[1-9]|1[0-2])$")]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@"^\d{4}-Q[1-4]$")]
    private static partial Regex QuarterPattern();
}
