using AiFinOps.Ingest.Catalogue.Bundled;
using Marten;

namespace AiFinOps.Ingest.Catalogue.Keeping;

/// <summary>
/// Before ingest serves a call: adds the bundled catalogue's prices and aliases that the event store does not have
/// yet (never overwriting what an operator set or corrected), then loads the catalogue. Afterwards reloads it every
/// 30 seconds.
/// </summary>
public sealed class CatalogueKeeper(PriceCatalogue catalogue, IDocumentStore store, TimeProvider clock, ILogger<CatalogueKeeper> logger)
    : BackgroundService
{
    public const string BundledBy = "bundled catalogue";

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await SeedAsync(BundledCatalogue.Load(), cancellationToken);
        await catalogue.ReloadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await catalogue.ReloadAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Reloading the price catalogue failed; pricing keeps the last catalogue");
            }
        }
    }

    private async Task SeedAsync(BundledCatalogue bundled, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var histories = (await session.Query<ModelPriceHistory>().ToListAsync(cancellationToken)).ToDictionary(h => h.Id);
        var aliases = (await session.Query<CatalogueAlias>().ToListAsync(cancellationToken)).ToDictionary(a => a.Id);
        var now = clock.GetUtcNow();
        var added = 0;
        var pinned = new HashSet<string>(StringComparer.Ordinal);

        foreach (var price in bundled.Prices)
        {
            var key = ModelPriceHistory.StreamKey(price.Provider, price.Model);
            var history = histories.GetValueOrDefault(key);
            if (history?.VersionFrom(price.EffectiveFrom) is not null) continue;
            var set = new PriceSet(price, BundledBy, now);
            // A stream's first event here is pinned to the version read (or to a new stream): a replica that seeded the
            // same price meanwhile makes this save fail instead of appending it twice.
            if (history is null) session.Events.StartStream<ModelPriceHistory>(key, set);
            else if (!pinned.Contains(key)) session.Events.Append(key, history.Version + 1, set);
            else session.Events.Append(key, set);
            pinned.Add(key);
            histories[key] = history is null ? ModelPriceHistory.Create(set) : history.Apply(set);
            added++;
        }
        foreach (var alias in bundled.Aliases)
        {
            var key = CatalogueAlias.StreamKey(alias.Provider, alias.Alias);
            if (aliases.ContainsKey(key)) continue;
            session.Events.StartStream<CatalogueAlias>(key, new ModelAliased(alias, BundledBy, now));
            added++;
        }

        if (added == 0) return;
        try
        {
            await session.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Added {Count} bundled prices and aliases to the catalogue", added);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Another replica seeded the same entries at the same moment: its catalogue is the same one.
            logger.LogInformation(ex, "Seeding the bundled catalogue lost a race with another replica; loading theirs");
        }
    }
}
