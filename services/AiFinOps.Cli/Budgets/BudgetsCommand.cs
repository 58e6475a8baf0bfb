using System.CommandLine;
using System.Text.Json;
using AiFinOps.Cli.Common;

namespace AiFinOps.Cli.Budgets;

/// <summary><c>aifinops budgets [--archived] [--json|--csv]</c>: every budget the key may see, where it stands in its
/// current period (spent, remaining, thresholds crossed, forecast).</summary>
public sealed class BudgetsCommand : Command
{
    private readonly Option<bool> _archived = new("--archived") { Description = "Include archived budgets" };
    private readonly Option<Uri> _gateway = CommonOptions.Gateway();
    private readonly Option<string?> _key = CommonOptions.ApiKey();
    private readonly OutputFormatOptions _format;

    public BudgetsCommand() : base("budgets", "Budgets and where each stands in its current period (read key; a team key sees its teams)")
    {
        Options.Add(_archived);
        Options.Add(_gateway);
        Options.Add(_key);
        _format = new OutputFormatOptions(this);
        SetAction(RunAsync);
    }

    public string ListPath(ParseResult parse) => "/api/v1/budgets" + (parse.GetValue(_archived) ? "?includeArchived=true" : "");

    public static string StatusPath(string budgetId) => $"/api/v1/budgets/{Uri.EscapeDataString(budgetId)}/status";

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var gateway = new GatewayClient(parse.GetRequiredValue(_gateway), CommonOptions.ResolveApiKey(parse.GetValue(_key)));
        try
        {
            var budgets = await gateway.GetAsync(ListPath(parse), cancellationToken);
            var ids = budgets.ValueKind == JsonValueKind.Array ? budgets.EnumerateArray().Select(b => b.GetProperty("id").GetString()!).ToList() : [];
            var statuses = await Working.EachAsync("reading budget status", ids, id => gateway.GetAsync(StatusPath(id), cancellationToken));
            switch (_format.Of(parse))
            {
                case OutputFormat.Json: Output.Json(statuses); break;
                case OutputFormat.Csv: Console.Out.Write(BudgetTable.Csv(statuses)); break;
                default: BudgetTable.Print(statuses); break;
            }
            return ExitCodes.Ok;
        }
        catch (GatewayException exception)
        {
            return Output.Error(exception.Message);
        }
    }
}
