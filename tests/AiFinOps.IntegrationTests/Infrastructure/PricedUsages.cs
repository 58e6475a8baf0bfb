using AiFinOps.Contracts.Messages;

namespace AiFinOps.IntegrationTests.Infrastructure;

/// <summary>Usage as ingest puts it on the bus, for tests that publish (or park) bus messages themselves.</summary>
public static class PricedUsages
{
    /// <summary><paramref name="count"/> priced gpt-4o calls of <paramref name="team"/>'s doc-qa in prod, $0.01 each, five minutes ago.</summary>
    public static List<PricedUsage> Of(string team, int count, string eventIdPrefix) => Enumerable.Range(0, count).Select(_ => new PricedUsage
    {
        EventId = $"{eventIdPrefix}-{Guid.NewGuid()}",
        OccurredAt = DateTimeOffset.UtcNow.AddMinutes(-5),
        Provider = "openai",
        Model = "gpt-4o",
        InputTokens = 100,
        OutputTokens = 10,
        Team = team,
        Workflow = "doc-qa",
        Environment = "prod",
        Priced = true,
        ListCostUsd = 0.01m,
        EffectiveCostUsd = 0.01m,
    }).ToList();
}
