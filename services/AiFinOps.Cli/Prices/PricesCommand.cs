using System.CommandLine;

namespace AiFinOps.Cli.Prices;

public static class PricesCommand
{
    public static Command Create() => new("prices", "Manage the price catalogue (needs an admin key)")
    {
        new Command("import", "Import prices from another catalogue's format")
        {
            new ImportLiteLlmCommand(),
        },
    };
}
