using System.Diagnostics;
using System.Globalization;
using AiFinOps.FaultTests.Infrastructure;
using AiFinOps.FaultTests.Load;
using AiFinOps.FaultTests.Reconciling;
using AiFinOps.Testing;
using Xunit.Abstractions;

namespace AiFinOps.FaultTests.Scenarios;

/// <summary>
/// One fault scenario from start to reconciliation: the load planned, its calls priced through ingest's quote (the
/// ground truth), a budget per team whose thresholds (25, 50, 75, 100 %) the load crosses, a webhook subscribed to
/// threshold alerts; then the load is sent while the faults strike at marks of its progress, the consumers are waited
/// for until they drained, and every total is compared with the ground truth — exactly.
/// </summary>
public sealed class FaultScenario(IRunningSystem system, string rabbitMq, string name, ITestOutputHelper output)
{
    public static readonly IReadOnlyList<int> Thresholds = [25, 50, 75, 100];

    private readonly LoadSettings settings = LoadSettings.FromEnvironment();

    public async Task RunAsync(params Fault[] faults)
    {
        await using var alerts = await LoopbackWebhook.StartAsync();
        using var ingest = new ServiceApi(system.Address("ingest"), FaultSystem.AdminKey);
        using var budgeting = new ServiceApi(system.Address("budgeting"), FaultSystem.AdminKey);
        using var notifications = new ServiceApi(system.Address("notifications"), FaultSystem.AdminKey);

        var plan = UsagePlan.Create(name, settings, DateTimeOffset.UtcNow);
        var truth = GroundTruth.Of(plan, await QuoteAsync(ingest));
        await notifications.PostAsync("/api/v1/subscriptions", new
        {
            name = "fault-webhook",
            kind = "webhook",
            url = alerts.Url.ToString(),
            format = "json",
            filter = new { kinds = new[] { "budget.threshold" } },
        });
        foreach (var (team, (_, cost)) in truth.Teams)
        {
            // 90 % of what the team will spend: every threshold up to 100 % is crossed once, at a different point of the load.
            await budgeting.PostAsync("/api/v1/budgets", new
            {
                id = $"{team}-monthly",
                name = $"{team} monthly",
                scope = $"team:{team}",
                period = "monthly",
                amountUsd = Math.Round(cost * 0.9m, 2),
                thresholds = Thresholds,
                owner = "finops@example.com",
            });
        }
        output.WriteLine($"{name}: {truth.Events:N0} events in batches of {settings.BatchSize}, {settings.Senders} in flight, " +
            $"{(settings.Rate > 0 ? $"{settings.Rate:N0} events/s" : "unpaced")}; faults: {string.Join(", ", faults.Select(f => $"{f.Name} at {f.At:P0}"))}");

        var clock = Stopwatch.StartNew();
        var load = new UsageLoad(system.IngestGrpc, FaultSystem.AdminKey, settings);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        var sending = load.SendAsync(plan, stop.Token);
        var recoveries = new List<Task>();
        foreach (var fault in faults)
        {
            while (load.Progress(plan) < fault.At && !sending.IsCompleted) await Task.Delay(25);
            var progress = load.Progress(plan);
            await fault.Strike();
            var struck = clock.Elapsed;
            output.WriteLine($"{struck.TotalSeconds,6:F1} s  {fault.Name} at {progress:P0} of the load");
            recoveries.Add(Task.Run(async () =>
            {
                await fault.Recover();
                output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {fault.Name}: back after {(clock.Elapsed - struck).TotalSeconds:F1} s");
            }));
        }
        await Task.WhenAll(recoveries);
        await sending;
        output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  load answered: {load.Accepted:N0} accepted, {load.Duplicates:N0} duplicates, {load.Retries:N0} batch retries");
        Assert.Equal(truth.Events, load.Accepted + load.Duplicates);

        var expectedAlerts = truth.Teams.Count * Thresholds.Count;
        await WaitUntilDrainedAsync(truth, alerts, expectedAlerts, Timeout(), clock);
        await Task.Delay(TimeSpan.FromSeconds(2)); // a duplicate still in a consumer's hands would land now
        await Reconciliation.AssertAsync(system, truth, alerts, budgeting, expectedAlerts, output);
    }

    private TimeSpan Timeout() => TimeSpan.FromMinutes(3) + 4 * settings.Duration;

    private async Task WaitUntilDrainedAsync(GroundTruth truth, LoopbackWebhook alerts, int expectedAlerts, TimeSpan timeout, Stopwatch clock)
    {
        var queues = FaultSystem.Consumers.Select(system.ConsumerQueue).ToList();
        var waited = Stopwatch.StartNew();
        var state = "";
        while (waited.Elapsed < timeout)
        {
            var counts = new Dictionary<string, long>();
            foreach (var (consumer, sql) in StoredTotals.EventCounts) counts[consumer] = await StoredTotals.ScalarAsync(system.DatabaseConnection, sql);
            var depths = (await QueueDepths.ReadAsync(rabbitMq, queues)).ToDictionary(q => q.Key,
                q => q.Value?.Messages ?? throw new InvalidOperationException($"queue {q.Key} does not exist"));
            var alerted = alerts.Received.Select(d => d.AlertId).Distinct().Count();
            state = string.Join(", ", counts.Select(c => $"{c.Key} {c.Value:N0}")) + $"; queued {depths.Values.Sum(d => (long)d)}; alerts {alerted}/{expectedAlerts}";
            if (counts.Values.All(c => c >= truth.Events) && depths.Values.All(d => d == 0) && alerted >= expectedAlerts)
            {
                output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  drained: {state}");
                return;
            }
            await Task.Delay(500);
        }
        var budgetAlerts = await StoredTotals.TextAsync(system.DatabaseConnection, StoredTotals.BudgetAlertsRaisedAndPublished);
        Assert.Fail($"the consumers did not drain within {timeout.TotalSeconds:F0} s ({truth.Events:N0} events accepted): {state}; " +
            $"budget alerts in budgeting: {budgetAlerts}");
    }

    /// <summary>The effective cost of each call shape, as ingest's catalogue prices it today.</summary>
    private static async Task<Dictionary<CallShape, decimal>> QuoteAsync(ServiceApi ingest)
    {
        var prices = new Dictionary<CallShape, decimal>();
        foreach (var shape in CallShape.All)
        {
            var quote = await ingest.PostAsync("/api/v1/prices/quote", new
            {
                provider = shape.Provider,
                model = shape.Model,
                inputTokens = shape.InputTokens,
                outputTokens = shape.OutputTokens,
            });
            prices[shape] = quote.GetProperty("effectiveCostUsd").GetDecimal();
        }
        return prices;
    }

    /// <summary>A scenario name that is also a database name and a queue prefix (lower-case letters and digits, which
    /// both take as they are): unique per run.</summary>
    public static string NewName(string scenario) =>
        $"{scenario}{DateTime.UtcNow.ToString("HHmm", CultureInfo.InvariantCulture)}{Guid.NewGuid().ToString("N")[..6]}";
}
