using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using AiFinOps.Cli.Common;

namespace AiFinOps.Cli.Spending;

/// <summary><c>aifinops spend --from 2026-11-01 --to 2026-12-01 --group-by team [--json|--csv]</c></summary>
public sealed class SpendCommand : Command
{
    private readonly Option<string> _from = new("--from")
    {
        Description = "Start date or time, UTC (default: the first of this month)",
        DefaultValueFactory = _ => FirstOfMonth(DateTime.UtcNow),
        CustomParser = Instant,
    };
    private readonly Option<string> _to = new("--to")
    {
        Description = "End date or time, UTC (default: tomorrow)",
        DefaultValueFactory = _ => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        CustomParser = Instant,
    };
    private readonly Option<string[]> _groupBy = CommonOptions.List("--group-by", "Comma-separated dimensions, e.g. team,model (default: team)");
    private readonly Option<Uri> _gateway = CommonOptions.Gateway();
    private readonly Option<string?> _key = CommonOptions.ApiKey();
    private readonly OutputFormatOptions _format;

    public SpendCommand() : base("spend", "Spend by team (or other dimensions) over a period, from the ledger")
    {
        _groupBy.DefaultValueFactory = _ => ["team"];
        Options.Add(_from);
        Options.Add(_to);
        Options.Add(_groupBy);
        Options.Add(_gateway);
        Options.Add(_key);
        _format = new OutputFormatOptions(this);
        SetAction(RunAsync);
    }

    public string Query(ParseResult parse)
    {
        var groupBy = parse.GetRequiredValue(_groupBy) is { Length: > 0 } dimensions ? dimensions : ["team"];
        return $"/api/v1/spend?from={Uri.EscapeDataString(parse.GetRequiredValue(_from))}" +
            $"&to={Uri.EscapeDataString(parse.GetRequiredValue(_to))}&groupBy={Uri.EscapeDataString(string.Join(',', groupBy))}";
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var gateway = new GatewayClient(parse.GetRequiredValue(_gateway), CommonOptions.ResolveApiKey(parse.GetValue(_key)));
        try
        {
            var report = await Working.WhileAsync("reading spend from the ledger", () => gateway.GetAsync(Query(parse), cancellationToken));
            switch (_format.Of(parse))
            {
                case OutputFormat.Json: Output.Json(report); break;
                case OutputFormat.Csv: Console.Out.Write(SpendTable.Csv(report)); break;
                default: SpendTable.Print(report); break;
            }
            return ExitCodes.Ok;
        }
        catch (GatewayException exception)
        {
            return Output.Error(exception.Message);
        }
    }

    private static string FirstOfMonth(DateTime now) =>
        new DateOnly(now.Year, now.Month, 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A date stays a date (<c>2026-11-01</c>); a time becomes ISO 8601 UTC.</summary>
    private static string Instant(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            return time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        result.AddError($"'{text}' is not a date (2026-11-01) or a time (2026-11-01T12:00:00Z).");
        return text;
    }
}
