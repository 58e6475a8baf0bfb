using AiFinOps.Allocation.Ledger;
using AiFinOps.Allocation.Periods;
using AiFinOps.Contracts.Messages;

namespace AiFinOps.Allocation.Repricing;

/// <summary>
/// Pure decision: the re-pricing lines that bring booked calls to what the catalogue prices them at now. A line carries
/// the difference (list, effective, billed, drift, list by kind of token, -1 unpriced event when the call gets its first
/// price, +1 when it loses it), never tokens or an event, so the call's lines always sum to its current truth. A call
/// the app reported a cost for keeps that as its billed cost: only list, effective and drift move. The line is charged
/// in the usage's own billing period, or as a correction in the first open one when that is closed. A call whose
/// cost is unchanged gets a line only when its catalogue keys grew (a new alias), so later changes still find it.
/// </summary>
public static class RepricingDecision
{
    public static IReadOnlyList<LedgerLine> Lines(RepricingScope scope, IReadOnlyList<BookedCall> calls,
        IReadOnlyDictionary<string, PricedUsage> pricedNow, BillingCalendar calendar, TimeZoneInfo zone)
    {
        var lines = new List<LedgerLine>();
        foreach (var call in calls)
        {
            if (!pricedNow.TryGetValue(call.EventId, out var now)) continue;
            var truth = Truth(call, now);
            var keysGrew = now.CatalogueKeys.Except(call.CatalogueKeys, StringComparer.Ordinal).Any();
            if (truth == call.Booked && !keysGrew) continue;
            lines.Add(Line(scope, call, now, truth, calendar, zone));
        }
        return lines;
    }

    /// <summary>What the call costs now, booked the way <c>LedgerBooking</c> books a new call.</summary>
    public static CallCost Truth(BookedCall call, PricedUsage now)
    {
        var effective = now.EffectiveCostUsd ?? 0m;
        var reported = call.Booked.ReportedCostUsd;
        return new CallCost(
            UnpricedEvents: now.Priced ? 0 : 1,
            ListCostUsd: now.ListCostUsd ?? 0m,
            EffectiveCostUsd: effective,
            BilledCostUsd: reported ?? effective,
            ReportedCostUsd: reported,
            BilledDriftUsd: reported is { } billed && now.EffectiveCostUsd is { } catalogue ? billed - catalogue : 0m,
            ListCostByTokenType: now.ListCostByTokenType is { } parts
                ? new CostByTokenType(parts.UncachedInputUsd, parts.CacheReadUsd, parts.CacheWriteUsd, parts.OutputUsd, parts.ReasoningUsd)
                : default);
    }

    private static LedgerLine Line(RepricingScope scope, BookedCall call, PricedUsage now, CallCost truth,
        BillingCalendar calendar, TimeZoneInfo zone)
    {
        var usagePeriod = BillingPeriod.Of(call.OccurredAt, zone);
        var chargedIn = calendar.ChargedIn(usagePeriod);
        var booked = call.Booked;
        var was = booked.ListCostByTokenType;
        var parts = truth.ListCostByTokenType;
        return new LedgerLine(
            LineId: scope.LineId(call.EventId),
            EventId: call.EventId,
            Kind: LineKinds.Repricing,
            BillingPeriod: chargedIn.ToString(),
            ChargeClass: chargedIn == usagePeriod ? ChargeClasses.Regular : ChargeClasses.Correction,
            OccurredAt: call.OccurredAt,
            Provider: call.Provider,
            Model: call.Model,
            CatalogueKeys: now.CatalogueKeys,
            ServiceTier: call.ServiceTier,
            Team: call.Team,
            Workflow: call.Workflow,
            Environment: call.Environment,
            Tags: call.Tags,
            RunId: call.RunId,
            RecordedBy: call.RecordedBy,
            Events: 0,
            UnpricedEvents: truth.UnpricedEvents - booked.UnpricedEvents,
            InputTokens: 0,
            OutputTokens: 0,
            CacheReadTokens: 0,
            CacheWriteTokens: 0,
            ReasoningTokens: 0,
            Priced: now.Priced,
            PriceReference: now.PriceReference,
            DiscountReference: now.DiscountReference,
            ListCostUsd: truth.ListCostUsd - booked.ListCostUsd,
            EffectiveCostUsd: truth.EffectiveCostUsd - booked.EffectiveCostUsd,
            BilledCostUsd: truth.BilledCostUsd - booked.BilledCostUsd,
            ReportedCostUsd: null,
            BilledDriftUsd: truth.BilledDriftUsd - booked.BilledDriftUsd)
        {
            ListCostByTokenType = new CostByTokenType(parts.UncachedInput - was.UncachedInput, parts.CacheRead - was.CacheRead,
                parts.CacheWrite - was.CacheWrite, parts.Output - was.Output, parts.Reasoning - was.Reasoning),
        };
    }
}
