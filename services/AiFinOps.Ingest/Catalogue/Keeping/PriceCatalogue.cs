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
    private volatile Including including = new(new([], []), 0);
    private readonly SemaphoreSlim loadingIncluded = new(1, 1);

    public PriceBook Current => book;

    public async Task ReloadAsync(CancellationToken cancellationToken) => book = await LoadAsync(cancellationToken);

    /// <summary>
    /// A catalogue that includes change <paramref name="sequence"/>, for re-pricing after it: the change may come from
    /// another replica, or from this one a moment before its reload. A change is published only once it and every
    /// earlier one are committed, so a load begun after hearing of it has them all: one load per change and replica.
    /// </summary>
    public async Task<PriceBook> IncludingAsync(long sequence, CancellationToken cancellationToken)
    {
        if (including.Through >= sequence) return including.Book;
        await loadingIncluded.WaitAsync(cancellationToken);
        try
        {
            if (including.Through < sequence) including = new Including(await LoadAsync(cancellationToken), sequence);
            return including.Book;
        }
        finally
        {
            loadingIncluded.Release();
        }
    }

    private async Task<PriceBook> LoadAsync(CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var histories = await session.Query<ModelPriceHistory>().ToListAsync(cancellationToken);
        var aliases = await session.Query<CatalogueAlias>().ToListAsync(cancellationToken);
        var discounts = await session.Query<AgreedDiscount>().ToListAsync(cancellationToken);
        return new PriceBook(histories.SelectMany(h => h.Versions), aliases.Select(a => a.Alias), discounts.Select(d => d.Discount));
    }

    private sealed record Including(PriceBook Book, long Through);

    /// <summary>After a change saved here: price with it at once, and publish it now rather than at the next poll.</summary>
    public async Task ChangedAsync(CancellationToken cancellationToken)
    {
        changes.Raise();
        await ReloadAsync(cancellationToken);
    }
}
