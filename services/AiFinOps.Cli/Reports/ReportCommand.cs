using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using AiFinOps.Cli.Common;
using Spectre.Console;

namespace AiFinOps.Cli.Reports;

/// <summary>
/// <c>aifinops report monthly 2026-10</c> and <c>aifinops report quarterly 2026-Q3</c>: generate a report now (finance
/// key) — a new version when its figures changed, else the stored one — and say where to read it (a table), or print it
/// as JSON (<c>--json</c>) or one of its tables as CSV (<c>--csv [--table by-team]</c>).
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

    /// <summary>How long a report run is awaited before the command gives up (the run itself goes on in reporting).</summary>
    public static readonly TimeSpan ReportTimeout = TimeSpan.FromMinutes(10);

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
        var table = new Option<string?>("--table") { Description = "With --csv: the report table to print (default: its first, the summary)" };
        var command = new Command(kind, kind == "monthly" ? "The monthly AI cost report of a month" : "The quarterly review pack of a quarter")
        {
            period, gateway, key, table,
        };
        var format = new OutputFormatOptions(command);
        command.SetAction(async (parse, ct) =>
        {
            var root = parse.GetRequiredValue(gateway);
            // A run reads every service's figures for the period: minutes, not seconds, on a big month.
            using var client = new GatewayClient(root, CommonOptions.ResolveApiKey(parse.GetValue(key)), timeout: ReportTimeout);
            try
            {
                var run = await Working.WhileAsync($"generating the {kind} report",
                    () => client.PostAsync<object?>(Path(kind, parse.GetRequiredValue(period)), null, ct));
                switch (format.Of(parse))
                {
                    case OutputFormat.Json: Output.Json(run); break;
                    case OutputFormat.Csv:
                        Console.Out.Write(await client.GetTextAsync(ReportRunSummary.CsvPath(run, parse.GetValue(table)), "text/csv", ct));
                        break;
                    default: AnsiConsole.Write(ReportRunSummary.Build(run, root)); break;
                }
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
