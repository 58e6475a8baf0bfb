using AiFinOps.Allocation.Ledger;

namespace AiFinOps.Benchmarks.Ledger;

/// <summary>
/// Deterministic ledger lines shaped like a mid-size organisation's month: 12 teams with 4 workflows each, every
/// workflow on 1–3 of 10 models, three environments, two service tiers, a product tag on a third of the calls.
/// Calls arrive in time order over the month (with a minute of jitter), as usage is booked moments after it happens.
/// </summary>
public sealed class SyntheticLedger(int seed, DateTimeOffset monthStart, long events)
{
    private static readonly string[] Models =
        ["gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "o4-mini", "claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-1", "gemini-2.5-flash", "gemini-2.5-pro"];
    private static readonly string[] Environments = ["prod", "prod", "prod", "staging", "dev"];

    private readonly Workflow[] workflows = BuildWorkflows(seed);
    private readonly int days = DateTime.DaysInMonth(monthStart.Year, monthStart.Month);

    public DateTimeOffset MonthStart => monthStart;
    public int Days => days;

    /// <summary>The ids whose calls fall on the month's day <paramref name="day"/> (0-based), give or take their jitter: [first, end).</summary>
    public (long First, long End) IdsOfDay(int day) => (day * events / days, (day + 1) * events / days);

    private sealed record Workflow(string Team, string Name, string[] Models);

    public IReadOnlyList<LedgerLine> Lines(long first, int count)
    {
        var random = new Random(unchecked(seed * 31 + (int)first));
        var lines = new LedgerLine[count];
        for (var i = 0; i < count; i++)
        {
            var id = first + i;
            var workflow = workflows[random.Next(workflows.Length)];
            var model = workflow.Models[random.Next(workflow.Models.Length)];
            var input = random.Next(200, 40_000);
            var output = random.Next(20, 3_000);
            var cacheRead = random.Next(0, input / 2);
            var cost = Math.Round((input - cacheRead) * 2.5m / 1_000_000m + cacheRead * 1.25m / 1_000_000m + output * 10m / 1_000_000m, 12);
            var tags = random.Next(3) == 0
                ? new Dictionary<string, string> { ["product"] = "p" + random.Next(4) }
                : new Dictionary<string, string>();
            lines[i] = new LedgerLine(
                LineId: "bench-" + id, EventId: "bench-" + id, Kind: LineKinds.Usage,
                BillingPeriod: $"{monthStart:yyyy-MM}", ChargeClass: ChargeClasses.Regular,
                OccurredAt: monthStart.AddSeconds(Math.Clamp(id * (days * 86_400.0 / events) + random.NextDouble() * 60 - 30, 0, days * 86_400 - 1)),
                Provider: model.StartsWith("gpt") || model.StartsWith("o4") ? "openai" : model.StartsWith("claude") ? "anthropic" : "google",
                Model: model, CatalogueKeys: [model], ServiceTier: random.Next(10) == 0 ? "batch" : "standard",
                Team: workflow.Team, Workflow: workflow.Name, Environment: Environments[random.Next(Environments.Length)],
                Tags: tags, RunId: "", RecordedBy: "bench", Events: 1, UnpricedEvents: 0,
                InputTokens: input, OutputTokens: output, CacheReadTokens: cacheRead, CacheWriteTokens: 0, ReasoningTokens: 0,
                Priced: true, PriceReference: model + "@bench", DiscountReference: null,
                ListCostUsd: cost, EffectiveCostUsd: cost, BilledCostUsd: cost, ReportedCostUsd: null, BilledDriftUsd: null);
        }
        return lines;
    }

    private static Workflow[] BuildWorkflows(int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(1, 12).SelectMany(t => Enumerable.Range(1, 4).Select(w => new Workflow(
            $"team-{t:D2}", $"team-{t:D2}-wf-{w}",
            Models.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToArray()))).ToArray();
    }
}
