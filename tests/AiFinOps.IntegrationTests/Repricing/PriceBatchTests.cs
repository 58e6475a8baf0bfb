using System.Net;
using System.Net.Http.Json;
using AiFinOps.Contracts.Pricing;
using AiFinOps.IntegrationTests.Infrastructure;

namespace AiFinOps.IntegrationTests.Repricing;

public sealed class PriceBatchTests(AiFinOpsSystem system) : IClassFixture<AiFinOpsSystem>
{
    private static readonly DateTimeOffset At = new(2025, 11, 3, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Ingest_prices_a_batch_as_it_books_and_says_which_calls_it_cannot_read()
    {
        var cached = new UsageToPrice
        {
            EventId = "a",
            OccurredAt = At,
            Provider = "OpenAI",
            Model = "gpt-4o-mini",
            InputTokens = 120_000,
            OutputTokens = 3_000,
            CacheReadTokens = 100_000,
            ReportedCostUsd = 0.02m,
        };
        var unknown = cached with { EventId = "b", Provider = "acme", Model = "no-such-model" };
        var broken = cached with { EventId = "c", OutputTokens = -1 };
        using var http = system.Ingest.CreateClient(); // no key: internal, like /internal/keys/verify

        using var response = await http.PostAsJsonAsync(PriceBatchRequest.Path, new PriceBatchRequest { Usages = [cached, unknown, broken] });
        response.EnsureSuccessStatusCode();
        var result = (await response.Content.ReadFromJsonAsync<PriceBatchResult>())!;

        Assert.Equal(["a", "b"], result.Usages.Select(u => u.EventId));
        var priced = result.Usages[0];
        using var admin = Ledger.Admin(system.Ingest);
        var quote = await (await admin.PostAsJsonAsync("/api/v1/prices/quote", new
        {
            provider = "openai",
            model = "gpt-4o-mini",
            inputTokens = 120_000,
            outputTokens = 3_000,
            cacheReadTokens = 100_000,
            occurredAt = At,
            reportedCostUsd = 0.02m,
        })).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal((true, "openai"), (priced.Priced, priced.Provider));
        Assert.Equal(quote.GetProperty("listCostUsd").GetDecimal(), priced.ListCostUsd);
        Assert.Equal(quote.GetProperty("effectiveCostUsd").GetDecimal(), priced.EffectiveCostUsd);
        Assert.Equal((0.02m, 0.02m - priced.EffectiveCostUsd), (priced.BilledCostUsd, priced.BilledDriftUsd));
        Assert.Contains("gpt-4o-mini", priced.CatalogueKeys);
        Assert.False(result.Usages[1].Priced);
        var rejected = Assert.Single(result.Rejected);
        Assert.Equal(("c", "output_tokens"), (rejected.EventId, rejected.Field));
    }

    [Fact]
    public async Task A_batch_above_the_ingest_limit_is_refused()
    {
        var call = new UsageToPrice { EventId = "x", OccurredAt = At, Provider = "openai", Model = "gpt-4o-mini" };
        using var http = system.Ingest.CreateClient();

        using var response = await http.PostAsJsonAsync(PriceBatchRequest.Path,
            new PriceBatchRequest { Usages = Enumerable.Repeat(call, 10_001).ToList() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
