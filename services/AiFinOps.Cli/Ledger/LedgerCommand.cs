using System.CommandLine;

namespace AiFinOps.Cli.Ledger;

public static class LedgerCommand
{
    public static Command Create() => new("ledger", "Maintain the spend ledger (needs an admin key)")
    {
        new RebuildLedgerCommand(),
        new RepriceLedgerCommand(),
    };
}
