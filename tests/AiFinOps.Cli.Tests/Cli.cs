using System.CommandLine;

namespace AiFinOps.Cli.Tests;

internal static class Cli
{
    public static ParseResult Parse(string commandLine) => AifinopsCommand.Create().Parse(commandLine);

    public static T Command<T>(ParseResult parse) where T : Command
    {
        Assert.Empty(parse.Errors);
        return Assert.IsType<T>(parse.CommandResult.Command);
    }

    public static string Errors(string commandLine) => string.Join(" | ", Parse(commandLine).Errors.Select(e => e.Message));
}
