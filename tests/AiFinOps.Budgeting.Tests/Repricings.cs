using AiFinOps.Contracts.Messages;

namespace AiFinOps.Budgeting.Tests;

/// <summary>Re-pricing pages as allocation would publish them.</summary>
public static class Repricings
{
    /// <summary>A difference for one call of <paramref name="team"/>: its line id is new unless given.</summary>
    public static RepricedUsage Line(string team, decimal effectiveDelta, int unpricedDelta = 0, string? lineId = null,
        DateTimeOffset? occurredAt = null) => new()
        {
            LineId = lineId ?? Guid.NewGuid().ToString("N") + "#r7",
            EventId = Guid.NewGuid().ToString("N"),
            OccurredAt = occurredAt ?? new DateTimeOffset(2026, 11, 14, 9, 30, 0, TimeSpan.Zero),
            Provider = "acme",
            Model = "widget",
            Team = team,
            Workflow = "support-triage",
            Environment = "prod",
            ListCostDeltaUsd = effectiveDelta * 1.25m,
            EffectiveCostDeltaUsd = effectiveDelta,
            BilledCostDeltaUsd = effectiveDelta,
            UnpricedEventsDelta = unpricedDelta,
        };

    public static SpendRepriced Page(params RepricedUsage[] lines) => new()
    {
        PageId = Guid.NewGuid(),
        Run = "7",
        CatalogueSequence = 7,
        RepricedAt = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero),
        Lines = lines,
    };
}
