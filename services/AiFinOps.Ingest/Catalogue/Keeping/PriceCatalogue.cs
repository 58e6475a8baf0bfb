using AiFinOps.Ingest.Catalogue.Negotiating;
using AiFinOps.Ingest.Catalogue.PublishingChanges;
using Marten;

namespace AiFinOps.Ingest.Catalogue.Keeping;

/// <summary>
/// The catalogue pricing reads from: an immutable <see cref="PriceBook"/> rebuilt from the event-sourced price
/// histories whenever they change here, and every 30 s to pick up changes made by other replicas.
/// </summary>
public sealed class PriceCatalogue(IDocumentStore store, CatalogueChangeSignal changes)
{
    private volatile PriceBook book = new([], []);

    public PriceBook Current => book;

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var histories = await session.Query<ModelPriceHistory>().ToListAsync(cancellationToken);
        var aliases = await session.Query<CatalogueAlias>().ToListAsync(cancellationToken);
        var discounts = await session.Query<AgreedDiscount>().ToListAsync(cancellationToken);
        book = new PriceBook(histories.SelectMany(h => h.Versions), aliases.Select(a => a.Alias), discounts.Select(d => d.Discount));
    }

    /// <summary>After a change saved here: price with it at once, and publish it now rather than at the next poll.</summary>
    public async Task ChangedAsync(CancellationToken cancellationToken)
    {
        changes.Raise();
        await ReloadAsync(cancellationToken);
    }
}
