using System.CommandLine;

namespace AiFinOps.Cli.Common;

/// <summary>How a read command prints: an aligned table (default), JSON as the API answered, or CSV.</summary>
public enum OutputFormat
{
    Table,
    Json,
    Csv,
}

/// <summary><c>--json</c> and <c>--csv</c> on one command, refusing both at once.</summary>
public sealed class OutputFormatOptions
{
    private readonly Option<bool> _json = CommonOptions.Json();
    private readonly Option<bool> _csv = new("--csv") { Description = "Print CSV (RFC 4180) instead of tables" };

    public OutputFormatOptions(Command command)
    {
        command.Options.Add(_json);
        command.Options.Add(_csv);
        command.Validators.Add(result =>
        {
            if (result.GetValue(_csv) && result.GetValue(_json)) result.AddError("Choose one of --csv and --json.");
        });
    }

    public OutputFormat Of(ParseResult parse) =>
        parse.GetValue(_json) ? OutputFormat.Json : parse.GetValue(_csv) ? OutputFormat.Csv : OutputFormat.Table;
}
