using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static AiFinOps.IntegrationTests.Pricing.CatalogueChangeWorld;

namespace AiFinOps.IntegrationTests.Pricing;

public sealed class QuoteTests
{
    [Fact]
    public async Task A_quote_shows_the_negotiated_discount_and_the_billed_cost_with_its_drift()
    {
        await using var world = await StartAsync();
        using var http = Admin(world.Ingest());
        var model = "quoted-" + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/v1/prices", NewPrice(model, 2m, 8m))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/v1/prices/discounts", new
        {
            id = "acme-ea-" + model,
            provider = "acme",
            model,
            effectiveFrom = "2025-06-01",
            percentOff = 25,
            source = "enterprise agreement",
        })).StatusCode);

        using var response = await http.PostAsJsonAsync("/api/v1/prices/quote", new
        {
            provider = "acme",
            model,
            inputTokens = 1_000_000,
            outputTokens = 500_000,
            occurredAt = "2025-11-01T00:00:00Z",
            reportedCostUsd = 4.80m,
        });
        response.EnsureSuccessStatusCode();
        var quote = await response.Content.ReadFromJsonAsync<JsonElement>();

        // $2 in + $4 out = $6 list; 25 % off = $4.50 effective; billed $4.80: $0.30 above what the contract says.
        Assert.Equal(6m, quote.GetProperty("listCostUsd").GetDecimal());
        Assert.Equal(4.5m, quote.GetProperty("effectiveCostUsd").GetDecimal());
        Assert.Equal("acme-ea-" + model, quote.GetProperty("discountReference").GetString());
        Assert.Equal(25m, quote.GetProperty("discount").GetProperty("percentOff").GetDecimal());
        Assert.Equal(4.8m, quote.GetProperty("billedCostUsd").GetDecimal());
        Assert.Equal(0.3m, quote.GetProperty("billedDriftUsd").GetDecimal());
    }

    [Fact]
    public async Task Before_the_discount_starts_effective_cost_is_list_cost_and_without_a_reported_cost_nothing_is_billed()
    {
        await using var world = await StartAsync();
        using var http = Admin(world.Ingest());
        var model = "quoted-" + Guid.NewGuid().ToString("N")[..6];
        await http.PostAsJsonAsync("/api/v1/prices", NewPrice(model, 2m, 8m));
        await http.PostAsJsonAsync("/api/v1/prices/discounts", new
        {
            id = "acme-later-" + model,
            provider = "acme",
            effectiveFrom = "2026-01-01",
            percentOff = 50,
            source = "ea",
        });

        using var response = await http.PostAsJsonAsync("/api/v1/prices/quote", new
        {
            provider = "acme",
            model,
            inputTokens = 1_000_000,
            outputTokens = 0,
            occurredAt = "2025-11-01T00:00:00Z",
        });
        var quote = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(2m, quote.GetProperty("effectiveCostUsd").GetDecimal());
        Assert.Equal(JsonValueKind.Null, quote.GetProperty("discountReference").ValueKind);
        Assert.Equal(JsonValueKind.Null, quote.GetProperty("billedCostUsd").ValueKind);
    }

    [Fact]
    public async Task A_negative_reported_cost_is_refused_with_its_field()
    {
        await using var world = await StartAsync();
        using var http = Admin(world.Ingest());

        using var response = await http.PostAsJsonAsync("/api/v1/prices/quote", new
        {
            provider = "openai",
            model = "gpt-4o",
            inputTokens = 10,
            outputTokens = 10,
            reportedCostUsd = -1m,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("negative", problem.GetProperty("errors").GetProperty("reportedCostUsd")[0].GetString());
    }
}
