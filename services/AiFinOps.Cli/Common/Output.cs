using System.Text.Json;
using Spectre.Console;

namespace AiFinOps.Cli.Common;

public static class Output
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void Json<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Indented));

    /// <summary>Errors go to standard error, so <c>--json</c> output stays parseable.</summary>
    public static int Error(string message)
    {
        var error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        error.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
        return ExitCodes.Failed;
    }

    public static string Tokens(long value) => value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    public static string Usd(decimal? value) =>
        value is { } usd ? "$" + usd.ToString("#,##0.00##", System.Globalization.CultureInfo.InvariantCulture) : "—";
}
