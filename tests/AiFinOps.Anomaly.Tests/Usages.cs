using AiFinOps.Contracts.Messages;

namespace AiFinOps.Anomaly.Tests;

/// <summary>Priced usage as ingest would publish it.</summary>
public static class Usages
{
    public static readonly DateTimeOffset November14 = new(2026, 11, 14, 9, 0, 0, TimeSpan.Zero);

    public static PricedUsage Call(string team, string workflow, string runId = "", long input = 1_000, long output = 200,
        decimal cost = 0.01m, DateTimeOffset? occurredAt = null) => new()
        {
            EventId = Guid.NewGuid().ToString("N"),
            OccurredAt = occurredAt ?? November14,
            Provider = "anthropic",
            Model = "claude-sonnet-4-5",
            InputTokens = input,
            OutputTokens = output,
            Team = team,
            Workflow = workflow,
            Environment = "prod",
            RunId = runId,
            Priced = true,
            ListCostUsd = cost,
            EffectiveCostUsd = cost,
        };

    public static UsageBatchPriced Batch(params PricedUsage[] usages) =>
        new() { BatchId = Guid.NewGuid(), AcceptedAt = DateTimeOffset.UtcNow, Usages = usages };

    public static string NewName(string kind) => $"{kind}-{Guid.NewGuid():N}"[..(kind.Length + 9)];
}
