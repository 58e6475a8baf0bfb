using Spectre.Console;
using Spectre.Console.Rendering;

namespace AiFinOps.Cli.Tests;

/// <summary>What a table looks like on a plain, wide terminal.</summary>
internal static class Rendered
{
    public static string Text(IRenderable renderable)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 200;
        console.Write(renderable);
        return writer.ToString();
    }
}
