using AiFinOps.Allocation.Ledger;

namespace AiFinOps.Allocation.Tests;

/// <summary>A booked usage line to start each rollup test from; a test changes only what it is about.</summary>
internal static class Lines
{
    public static readonly DateTimeOffset At = new(2026, 11, 15, 9, 20, 0, TimeSpan.Zero);

    public static LedgerLine Usage(string eventId = "evt-1", DateTimeOffset? at = null, IReadOnlyDictionary<string, string>? tags = null) => new(
        LineId: eventId,
        EventId: eventId,
        Kind: LineKinds.Usage,
        BillingPeriod: "2026-11",
        ChargeClass: ChargeClasses.Regular,
        OccurredAt: at ?? At,
        Provider: "anthropic",
        Model: "claude-sonnet-4-20250514",
        CatalogueKeys: ["claude-sonnet-4-20250514", "claude-sonnet-4"],
        ServiceTier: "standard",
        Team: "support",
        Workflow: "triage",
        Environment: "prod",
        Tags: tags ?? new Dictionary<string, string>(),
        RunId: "",
        RecordedBy: "support-key",
        Events: 1,
        UnpricedEvents: 0,
        InputTokens: 1_000,
        OutputTokens: 200,
        CacheReadTokens: 300,
        CacheWriteTokens: 40,
        ReasoningTokens: 5,
        Priced: true,
        PriceReference: "anthropic/claude-sonnet-4@2025-05-22",
        DiscountReference: null,
        ListCostUsd: 0.006m,
        EffectiveCostUsd: 0.006m,
        BilledCostUsd: 0.006m,
        ReportedCostUsd: null,
        BilledDriftUsd: null);
}
