using AiFinOps.Contracts.Messages;
using AiFinOps.Ingest.Catalogue.Negotiating;
using JasperFx.Events;
using Marten;
using Marten.Events;

namespace AiFinOps.Ingest.Catalogue.PublishingChanges;

/// <summary>The event store read as catalogue changes: what the publisher sends and what operators list.</summary>
public static class CatalogueChangeLog
{
    private static readonly Type[] CatalogueEventTypes = [.. AffectedUsage.EventTypes];

    /// <summary>The events after <paramref name="after"/> in sequence order: every kind (the publisher must see each
    /// sequence number to notice gaps), or only catalogue changes.</summary>
    public static async Task<IReadOnlyList<IEvent>> ReadAsync(IQuerySession session, long after, int limit, bool catalogueOnly,
        CancellationToken cancellationToken)
    {
        var events = session.Events.QueryAllRawEvents().Where(e => e.Sequence > after);
        if (catalogueOnly) events = events.Where(e => e.EventTypesAre(CatalogueEventTypes));
        return await events.OrderBy(e => e.Sequence).Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>The change record of one stored event (null when it is not a catalogue change), judged against its
    /// stream as it was just before the event, so the record is the same whenever it is read.</summary>
    public static async Task<CatalogueChanged?> ChangeOfAsync(IQuerySession session, IEvent e, CancellationToken cancellationToken)
    {
        if (!CatalogueEventTypes.Contains(e.EventType)) return null;
        object? before = e.Version <= 1 || e.StreamKey is null ? null : e.Data switch
        {
            PriceSet or PriceCorrected or ModelRetired =>
                await session.Events.AggregateStreamAsync<ModelPriceHistory>(e.StreamKey, e.Version - 1, token: cancellationToken),
            DiscountEnded =>
                await session.Events.AggregateStreamAsync<AgreedDiscount>(e.StreamKey, e.Version - 1, token: cancellationToken),
            _ => null,
        };
        return AffectedUsage.Of(e.Sequence, e.Data, before);
    }
}
