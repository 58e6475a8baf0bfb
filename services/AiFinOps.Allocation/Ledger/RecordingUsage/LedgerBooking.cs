using AiFinOps.Allocation.Periods;
using AiFinOps.Contracts.Messages;

namespace AiFinOps.Allocation.Ledger.RecordingUsage;

/// <summary>
/// Pure decision: the ledger lines that book a bus message's usages, one per call (line id = event id, so a call is
/// booked once however often it arrives). Usage of a closed billing period is charged in the first open one as a
/// correction.
/// </summary>
public static class LedgerBooking
{
    public static IReadOnlyList<LedgerLine> Book(UsageBatchPriced message, BillingCalendar calendar, TimeZoneInfo zone) =>
        Book(message.Usages, calendar, zone);

    /// <summary>The lines of several messages' usages at once (a usage sent twice is booked once).</summary>
    public static IReadOnlyList<LedgerLine> Book(IEnumerable<PricedUsage> usages, BillingCalendar calendar, TimeZoneInfo zone) =>
        usages
            .DistinctBy(u => u.EventId, StringComparer.Ordinal)
            .Select(u => Line(u, calendar, zone))
            .ToList();

    private static LedgerLine Line(PricedUsage u, BillingCalendar calendar, TimeZoneInfo zone)
    {
        var usagePeriod = BillingPeriod.Of(u.OccurredAt, zone);
        var chargedIn = calendar.ChargedIn(usagePeriod);
        var effective = u.EffectiveCostUsd ?? 0m;
        return new LedgerLine(
            LineId: u.EventId,
            EventId: u.EventId,
            Kind: LineKinds.Usage,
            BillingPeriod: chargedIn.ToString(),
            ChargeClass: chargedIn == usagePeriod ? ChargeClasses.Regular : ChargeClasses.Correction,
            OccurredAt: u.OccurredAt,
            Provider: u.Provider,
            Model: u.Model,
            CatalogueKeys: u.CatalogueKeys,
            ServiceTier: u.ServiceTier,
            Team: u.Team,
            Workflow: u.Workflow,
            Environment: u.Environment,
            Tags: u.Tags,
            RunId: u.RunId,
            RecordedBy: u.RecordedBy,
            Events: 1,
            UnpricedEvents: u.Priced ? 0 : 1,
            InputTokens: u.InputTokens,
            OutputTokens: u.OutputTokens,
            CacheReadTokens: u.CacheReadTokens,
            CacheWriteTokens: u.CacheWriteTokens,
            ReasoningTokens: u.ReasoningTokens,
            Priced: u.Priced,
            PriceReference: u.PriceReference,
            DiscountReference: u.DiscountReference,
            ListCostUsd: u.ListCostUsd ?? 0m,
            EffectiveCostUsd: effective,
            BilledCostUsd: u.BilledCostUsd ?? effective,
            ReportedCostUsd: u.BilledCostUsd,
            BilledDriftUsd: u.BilledDriftUsd)
        {
            ListCostByTokenType = u.ListCostByTokenType is { } parts
                ? new CostByTokenType(parts.UncachedInputUsd, parts.CacheReadUsd, parts.CacheWriteUsd, parts.OutputUsd, parts.ReasoningUsd)
                : default,
        };
    }
}
