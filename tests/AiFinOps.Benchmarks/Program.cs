using AiFinOps.Benchmarks.Focus;
using AiFinOps.Benchmarks.Ledger;

// dotnet run -c Release --project tests/AiFinOps.Benchmarks -- ledger-queries [--events N] [--requests N] [--fresh]
//                                                         -- focus-export [--rows N] [--runs N]
// Needs PostgreSQL and RabbitMQ: deploy/local/bench.sh starts private ones and runs this with their addresses.
var arguments = args.ToList();
string Option(string name, string fallback) =>
    arguments.IndexOf(name) is var i and >= 0 && i + 1 < arguments.Count ? arguments[i + 1] : fallback;

var scenario = arguments.FirstOrDefault() ?? "ledger-queries";
switch (scenario)
{
    case "ledger-queries":
        return await LedgerQueriesBenchmark.RunAsync(
            events: long.Parse(Option("--events", "10000000"), System.Globalization.CultureInfo.InvariantCulture),
            requests: int.Parse(Option("--requests", "200"), System.Globalization.CultureInfo.InvariantCulture),
            fresh: arguments.Contains("--fresh"));
    case "focus-export":
        return await FocusExportBenchmark.RunAsync(
            rows: int.Parse(Option("--rows", "18000"), System.Globalization.CultureInfo.InvariantCulture),
            runs: int.Parse(Option("--runs", "2"), System.Globalization.CultureInfo.InvariantCulture));
    default:
        Console.Error.WriteLine($"Unknown benchmark '{scenario}'. Available: ledger-queries, focus-export");
        return 2;
}
