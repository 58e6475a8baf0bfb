using System.Security.Cryptography;
using System.Text;
using AiFinOps.Allocation.Ledger;
using AiFinOps.Contracts.Messages;

namespace AiFinOps.Allocation.Repricing;

/// <summary>
/// Pure: the <see cref="SpendRepriced"/> a booked re-pricing page tells budgets — its lines as differences, with the
/// dimensions budgets match on. Built from the page's <see cref="UsageRepriced"/> event, the same whether the page was
/// booked just now or met again already booked, so every send of a page is the same message with the same
/// <see cref="SpendRepriced.PageId"/>. Lines that moved no cost and no unpriced count (a call whose catalogue keys grew)
/// are left out; a page with nothing left publishes nothing.
/// </summary>
public static class RepricedSpend
{
    public static SpendRepriced? MessageOf(RepricingScope scope, int page, UsageRepriced booked)
    {
        var lines = booked.Lines.Where(Moved).Select(Line).ToList();
        if (lines.Count == 0) return null;
        return new SpendRepriced
        {
            PageId = PageIdOf(scope.StreamKey(page)),
            Run = scope.Run,
            CatalogueSequence = booked.CatalogueSequence,
            RepricedAt = booked.BookedAt,
            Lines = lines,
        };
    }

    /// <summary>One id per page stream key: the message id of every send of that page.</summary>
    public static Guid PageIdOf(string streamKey) => new(SHA256.HashData(Encoding.UTF8.GetBytes(streamKey)).AsSpan(0, 16));

    private static bool Moved(LedgerLine line) =>
        line.ListCostUsd != 0m || line.EffectiveCostUsd != 0m || line.BilledCostUsd != 0m || line.UnpricedEvents != 0;

    private static RepricedUsage Line(LedgerLine line) => new()
    {
        LineId = line.LineId,
        EventId = line.EventId,
        OccurredAt = line.OccurredAt,
        Provider = line.Provider,
        Model = line.Model,
        Team = line.Team,
        Workflow = line.Workflow,
        Environment = line.Environment,
        Tags = line.Tags,
        ListCostDeltaUsd = line.ListCostUsd,
        EffectiveCostDeltaUsd = line.EffectiveCostUsd,
        BilledCostDeltaUsd = line.BilledCostUsd,
        UnpricedEventsDelta = checked((int)line.UnpricedEvents),
    };
}
