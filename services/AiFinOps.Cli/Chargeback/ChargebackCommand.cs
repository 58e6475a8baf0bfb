using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using AiFinOps.Cli.Common;

namespace AiFinOps.Cli.Chargeback;

/// <summary><c>aifinops chargeback 2026-11 --group-by cost_centre,team [--csv|--json]</c></summary>
public sealed class ChargebackCommand : Command
{
    private readonly Argument<string> _period = new("period")
    {
        Description = "The billing period, yyyy-MM (a calendar month of the organisation's time zone)",
        CustomParser = Period,
    };
    private readonly Option<string[]> _groupBy = CommonOptions.List("--group-by",
        "Comma-separated: cost_centre, team, workflow, environment, provider, model (default: cost_centre)");
    private readonly Option<bool> _csv = new("--csv") { Description = "Print the statement as CSV (RFC 4180), as finance systems import it" };
    private readonly Option<bool> _json = CommonOptions.Json();
    private readonly Option<Uri> _gateway = CommonOptions.Gateway();
    private readonly Option<string?> _key = CommonOptions.ApiKey();

    public ChargebackCommand() : base("chargeback", "A billing period's chargeback statement per cost centre (or other dimensions); needs a finance key, a team key sees its teams")
    {
        Arguments.Add(_period);
        Options.Add(_groupBy);
        Options.Add(_csv);
        Options.Add(_json);
        Options.Add(_gateway);
        Options.Add(_key);
        Validators.Add(result =>
        {
            if (result.GetValue(_csv) && result.GetValue(_json)) result.AddError("Choose one of --csv and --json.");
        });
        SetAction(RunAsync);
    }

    public string Path(ParseResult parse)
    {
        var query = new List<string>();
        if (parse.GetValue(_groupBy) is { Length: > 0 } dimensions) query.Add("groupBy=" + Uri.EscapeDataString(string.Join(',', dimensions)));
        if (parse.GetValue(_csv)) query.Add("format=csv");
        return $"/api/v1/chargeback/{parse.GetRequiredValue(_period)}" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var gateway = new GatewayClient(parse.GetRequiredValue(_gateway), CommonOptions.ResolveApiKey(parse.GetValue(_key)));
        try
        {
            if (parse.GetValue(_csv))
            {
                Console.Out.Write(await Working.WhileAsync("building the statement", () => gateway.GetTextAsync(Path(parse), "text/csv", cancellationToken)));
                return ExitCodes.Ok;
            }
            var statement = await Working.WhileAsync("building the statement", () => gateway.GetAsync(Path(parse), cancellationToken));
            if (parse.GetValue(_json)) Output.Json(statement);
            else ChargebackTable.Print(statement);
            return ExitCodes.Ok;
        }
        catch (GatewayException exception)
        {
            return Output.Error(exception.Message);
        }
    }

    private static string Period(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)) return text;
        result.AddError($"'{text}' is not a billing period like 2026-11 (yyyy-MM).");
        return text;
    }
}
