using AiFinOps.Contracts.Usage.V1;
using AiFinOps.IntegrationTests.Infrastructure;
using Google.Protobuf.WellKnownTypes;

namespace AiFinOps.IntegrationTests.Chargeback;

/// <summary>
/// Seeded random usage at one instant: several teams and workflows (one of them the shared <c>platform-router</c>),
/// priced and unpriced models, calls without a team, calls carrying a <c>cost_centre</c> tag, reported costs.
/// </summary>
public static class GeneratedUsage
{
    public static readonly string[] Teams = ["search", "growth", "support", "platform", ""];
    public static readonly string[] Workflows = ["triage", "ranking", "platform-router", "summarise"];

    private static readonly (string Provider, string Model)[] Models =
        [("openai", "gpt-4o-mini"), ("anthropic", "claude-sonnet-4-20250514"), ("acme", "mystery-model-7")];

    public static UsageBatch Batch(int count, int seed, DateTimeOffset at, string teamSuffix = "")
    {
        var random = new Random(seed);
        var batch = new UsageBatch();
        for (var i = 0; i < count; i++)
        {
            var (provider, model) = Models[random.Next(Models.Length)];
            var input = random.Next(10, 50_000);
            var team = Teams[random.Next(Teams.Length)];
            var call = Usage.Call(team.Length == 0 ? "" : team + teamSuffix, model: model, provider: provider, input: input,
                output: random.Next(1, 4_000), cacheRead: random.Next(3) == 0 ? random.Next(0, input / 2) : 0,
                workflow: Workflows[random.Next(Workflows.Length)], environment: random.Next(4) == 0 ? "staging" : "prod");
            call.OccurredAt = Timestamp.FromDateTimeOffset(at);
            if (random.Next(8) == 0) call.Tags["cost_centre"] = random.Next(2) == 0 ? "CC-900 Research" : "cc-legacy-7";
            if (random.Next(10) == 0) call.ReportedCostUsd = (random.Next(1, 100_000) / 1_000_000m).ToString(System.Globalization.CultureInfo.InvariantCulture);
            batch.Events.Add(call);
        }
        return batch;
    }
}
