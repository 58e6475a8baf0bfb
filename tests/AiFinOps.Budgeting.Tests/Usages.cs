using AiFinOps.Contracts.Messages;

namespace AiFinOps.Budgeting.Tests;

/// <summary>Priced usage as ingest would publish it.</summary>
public static class Usages
{
    public static PricedUsage Priced(string team, decimal listCost, decimal effectiveCost, DateTimeOffset? occurredAt = null) => new()
    {
        EventId = Guid.NewGuid().ToString("N"),
        OccurredAt = occurredAt ?? new DateTimeOffset(2026, 11, 14, 9, 30, 0, TimeSpan.Zero),
        Provider = "openai",
        Model = "gpt-4o",
        InputTokens = 1_000,
        OutputTokens = 200,
        Team = team,
        Workflow = "support-triage",
        Environment = "prod",
        Priced = true,
        ListCostUsd = listCost,
        EffectiveCostUsd = effectiveCost,
    };

    public static PricedUsage Unpriced(string team) => Priced(team, 0, 0) with
    {
        Model = "brand-new-model",
        Priced = false,
        ListCostUsd = null,
        EffectiveCostUsd = null,
    };

    public static UsageBatchPriced Batch(params PricedUsage[] usages) =>
        new() { BatchId = Guid.NewGuid(), AcceptedAt = DateTimeOffset.UtcNow, Usages = usages };

    public static string NewTeam() => "team-" + Guid.NewGuid().ToString("N")[..8];
}
