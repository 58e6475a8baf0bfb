using System.Text.Json;
using Spectre.Console;

namespace AiFinOps.Cli.Common;

public static class Output
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Json<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Indented));

    /// <summary>Errors go to standard error, so <c>--json</c> output stays parseable.</summary>
    public static int Error(string message)
    {
        var error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        error.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
        return ExitCodes.Failed;
    }

    public static string Tokens(long value) => value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Cents for dollars and more; four decimals below a dollar, where AI spend often is.</summary>
    public static string Usd(decimal? value) => value switch
    {
        null => "—",
        { } usd when Math.Abs(usd) >= 1 => "$" + usd.ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture),
        { } usd => "$" + usd.ToString("0.00##", System.Globalization.CultureInfo.InvariantCulture),
    };

    public static string When(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "";

    /// <summary>Piped output is not cut to the 80 columns Spectre assumes without a terminal.</summary>
    public static void WidenWhenRedirected()
    {
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 160);
    }
}
