using AiFinOps.Benchmarks;
using AiFinOps.Benchmarks.Alerts;
using AiFinOps.Benchmarks.Focus;
using AiFinOps.Benchmarks.Ledger;
using AiFinOps.Benchmarks.Messages;
using AiFinOps.Benchmarks.Throughput;

// dotnet run -c Release --project tests/AiFinOps.Benchmarks -- ledger-queries [--events N] [--requests N] [--fresh]
//                                                         -- focus-export [--rows N] [--runs N]
//                                                         -- alert-latency [--probes N] [--interval-ms N] [--warm-up-s N] [--rate N]
//                                                         -- message-cost [--size N] [--rounds N]
//                                                         -- throughput [--seconds N] [--senders N] [--batch N] [--rate N] [--ingest-only | --consumers allocation,budgeting,anomaly] [--copy-rows N] [--warm-up-s N]
//                                                         -- all [--seconds N] [--probes N] [--ledger-events 1000000,10000000] [--requests N]
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
    case "alert-latency":
        return await AlertLatencyBenchmark.RunAsync(
            probes: int.Parse(Option("--probes", "200"), System.Globalization.CultureInfo.InvariantCulture),
            interval: TimeSpan.FromMilliseconds(int.Parse(Option("--interval-ms", "250"), System.Globalization.CultureInfo.InvariantCulture)),
            warmUp: TimeSpan.FromSeconds(int.Parse(Option("--warm-up-s", "15"), System.Globalization.CultureInfo.InvariantCulture)),
            rate: Option("--rate", "") is { Length: > 0 } rate ? double.Parse(rate, System.Globalization.CultureInfo.InvariantCulture) : null);
    case "throughput":
        return await ThroughputBenchmark.RunAsync(
            duration: TimeSpan.FromSeconds(int.Parse(Option("--seconds", ThroughputBenchmark.DefaultSeconds), System.Globalization.CultureInfo.InvariantCulture)),
            senders: int.Parse(Option("--senders", "4"), System.Globalization.CultureInfo.InvariantCulture),
            batchSize: int.Parse(Option("--batch", "500"), System.Globalization.CultureInfo.InvariantCulture),
            rate: Option("--rate", "") is { Length: > 0 } tpRate ? double.Parse(tpRate, System.Globalization.CultureInfo.InvariantCulture) : null,
            consumers: arguments.Contains("--ingest-only") ? [] : Option("--consumers", "allocation,budgeting,anomaly").Split(','),
            copyRows: int.Parse(Option("--copy-rows", "500000"), System.Globalization.CultureInfo.InvariantCulture),
            warmUp: TimeSpan.FromSeconds(int.Parse(Option("--warm-up-s", "180"), System.Globalization.CultureInfo.InvariantCulture)));
    case "all":
        // Every figure of issue 9 in one run: throughput (with the COPY yardstick and memory), alert latency at full
        // speed, then the spend and chargeback queries over a fresh ledger of each size.
        var failures = 0;
        failures += await ThroughputBenchmark.RunAsync(TimeSpan.FromSeconds(int.Parse(Option("--seconds", ThroughputBenchmark.DefaultSeconds), System.Globalization.CultureInfo.InvariantCulture)),
            senders: 4, batchSize: 500, rate: null, consumers: ["allocation", "budgeting", "anomaly"],
            copyRows: int.Parse(Option("--copy-rows", "300000"), System.Globalization.CultureInfo.InvariantCulture),
            warmUp: TimeSpan.FromSeconds(int.Parse(Option("--warm-up-s", "180"), System.Globalization.CultureInfo.InvariantCulture)));
        failures += await AlertLatencyBenchmark.RunAsync(probes: int.Parse(Option("--probes", "200"), System.Globalization.CultureInfo.InvariantCulture),
            interval: TimeSpan.FromMilliseconds(250), warmUp: TimeSpan.FromSeconds(15), rate: null);
        foreach (var size in Option("--ledger-events", "1000000,10000000").Split(','))
            failures += await LedgerQueriesBenchmark.RunAsync(long.Parse(size, System.Globalization.CultureInfo.InvariantCulture),
                requests: int.Parse(Option("--requests", "200"), System.Globalization.CultureInfo.InvariantCulture), fresh: true);
        BenchSummary.Print();
        return failures == 0 ? 0 : 1;
    case "message-cost":
        return MessageCostBenchmark.Run(
            size: int.Parse(Option("--size", "500"), System.Globalization.CultureInfo.InvariantCulture),
            rounds: int.Parse(Option("--rounds", "200"), System.Globalization.CultureInfo.InvariantCulture));
    default:
        Console.Error.WriteLine($"Unknown benchmark '{scenario}'. Available: all, ledger-queries, focus-export, alert-latency, throughput, message-cost");
        return 2;
}
