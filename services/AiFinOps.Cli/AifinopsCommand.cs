using System.CommandLine;
using AiFinOps.Cli.Budgets;
using AiFinOps.Cli.Chargeback;
using AiFinOps.Cli.DeadLetters;
using AiFinOps.Cli.Emitting;
using AiFinOps.Cli.Keys;
using AiFinOps.Cli.Ledger;
using AiFinOps.Cli.Periods;
using AiFinOps.Cli.Prices;
using AiFinOps.Cli.Reports;
using AiFinOps.Cli.Spending;
using AiFinOps.Cli.Workflows;

namespace AiFinOps.Cli;

public static class AifinopsCommand
{
    public static RootCommand Create() => new("AiFinOps: emit AI usage, manage API keys, read spend, generate reports.")
    {
        new EmitCommand(),
        KeysCommand.Create(),
        new SpendCommand(),
        new ChargebackCommand(),
        new BudgetsCommand(),
        PricesCommand.Create(),
        LedgerCommand.Create(),
        PeriodsCommand.Create(),
        WorkflowsCommand.Create(),
        ReportCommand.Create(),
        DeadLettersCommand.Create(),
    };
}
