using System.Net.Http.Json;
using AiFinOps.Contracts.Pricing;

namespace AiFinOps.Allocation.Repricing;

/// <summary>
/// Asks ingest — the one place pricing is implemented — what calls cost now, as of their occurred_at
/// (<c>POST http://ingest/internal/prices/price-batch</c> by service discovery, like key verification).
/// </summary>
public sealed class IngestPricing(HttpClient http)
{
    public const string BaseAddressSetting = "AIFINOPS_INGEST_URL";

    /// <summary>Prices the calls; with <paramref name="catalogueSequence"/>, with a catalogue that includes that change.</summary>
    public async Task<PriceBatchResult> PriceAsync(IReadOnlyList<UsageToPrice> usages, long? catalogueSequence, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync(PriceBatchRequest.Path,
            new PriceBatchRequest { Usages = usages, CatalogueSequence = catalogueSequence }, ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<PriceBatchResult>(ct)
            ?? throw new InvalidOperationException("ingest answered the price batch with no body");
    }
}
