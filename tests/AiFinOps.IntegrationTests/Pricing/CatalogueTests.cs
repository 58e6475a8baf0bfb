using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AiFinOps.IntegrationTests.Infrastructure;

namespace AiFinOps.IntegrationTests.Pricing;

public sealed class CatalogueTests(AiFinOpsSystem system) : IClassFixture<AiFinOpsSystem>
{
    private static object NewPrice(string model, decimal input, decimal output, string effectiveFrom = "2025-01-01") => new
    {
        provider = "acme",
        model,
        effectiveFrom,
        source = "https://acme.test/pricing",
        checkedOn = "2025-01-01",
        tiers = new { standard = new { rates = new { input, output } } },
    };

    private HttpClient Admin()
    {
        var http = system.Ingest.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AiFinOpsSystem.AdminKey);
        return http;
    }

    [Fact]
    public async Task The_bundled_catalogue_is_in_force_and_quotes_a_call_by_kind_of_token()
    {
        using var http = Admin();
        var listed = await http.GetFromJsonAsync<JsonElement>("/api/v1/prices?provider=anthropic");
        Assert.Contains(listed.EnumerateArray(), p => p.GetProperty("model").GetString() == "claude-sonnet-4");

        using var response = await http.PostAsJsonAsync("/api/v1/prices/quote", new
        {
            provider = "anthropic",
            model = "claude-sonnet-4-20250514",
            inputTokens = 10_000,
            outputTokens = 1_500,
            cacheReadTokens = 6_000,
            cacheWriteTokens = 2_000,
            occurredAt = "2025-11-01T00:00:00Z",
        });
        response.EnsureSuccessStatusCode();
        var quote = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(0.0378m, quote.GetProperty("listCostUsd").GetDecimal());
        Assert.Equal(0.0225m, quote.GetProperty("cost").GetProperty("output").GetDecimal());
        Assert.StartsWith("anthropic/claude-sonnet-4@", quote.GetProperty("priceReference").GetString());
    }

    [Fact]
    public async Task An_unknown_model_is_unpriced_until_a_price_is_set_then_new_calls_are_priced()
    {
        var model = "widget-" + Guid.NewGuid().ToString("N")[..6];
        var admin = AiFinOpsSystem.Bearer(AiFinOpsSystem.AdminKey);
        var before = await system.IngestClient().RecordBatchAsync(
            Usage.Batch(Usage.Call("pricing", provider: "acme", model: model, input: 1_000_000, output: 1_000_000)), admin);
        Assert.Contains(before.Warnings, w => w.Contains(model) && w.Contains("unpriced"));

        using var http = Admin();
        using var set = await http.PostAsJsonAsync("/api/v1/prices", NewPrice(model, 1.5m, 2.5m));
        Assert.Equal(HttpStatusCode.Created, set.StatusCode);

        var after = await system.IngestClient().RecordBatchAsync(
            Usage.Batch(Usage.Call("pricing", provider: "acme", model: model, input: 1_000_000, output: 1_000_000)), admin);
        Assert.Empty(after.Warnings);
        var inForce = await http.GetFromJsonAsync<JsonElement>($"/api/v1/prices/acme/{model}");
        Assert.Equal(1.5m, inForce.GetProperty("price").GetProperty("tiers").GetProperty("standard").GetProperty("rates").GetProperty("input").GetDecimal());
    }

    [Fact]
    public async Task Setting_other_figures_for_an_existing_version_is_a_conflict_and_a_correction_needs_a_reason()
    {
        var model = "gadget-" + Guid.NewGuid().ToString("N")[..6];
        using var http = Admin();
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/v1/prices", NewPrice(model, 1m, 2m))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/api/v1/prices", NewPrice(model, 1m, 2m))).StatusCode);

        using var conflict = await http.PostAsJsonAsync("/api/v1/prices", NewPrice(model, 9m, 9m));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);

        using var noReason = await http.PutAsJsonAsync($"/api/v1/prices/acme/{model}/2025-01-01", new { price = NewPrice(model, 9m, 9m), reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        using var corrected = await http.PutAsJsonAsync($"/api/v1/prices/acme/{model}/2025-01-01", new { price = NewPrice(model, 9m, 9m), reason = "typo in the contract sheet" });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);

        var inForce = await http.GetFromJsonAsync<JsonElement>($"/api/v1/prices/acme/{model}?at=2025-06-01");
        Assert.Equal(9m, inForce.GetProperty("price").GetProperty("tiers").GetProperty("standard").GetProperty("rates").GetProperty("input").GetDecimal());
        Assert.Equal(2, inForce.GetProperty("catalogueVersion").GetInt32());
    }

    [Fact]
    public async Task Setting_a_price_needs_an_admin_key_and_a_standard_tier()
    {
        var reader = await SpendApi.IssueKeyAsync(system.Ingest, "price reader", ["read"]);
        using var http = system.Ingest.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", reader);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.PostAsJsonAsync("/api/v1/prices", NewPrice("x", 1m, 1m))).StatusCode);

        using var admin = Admin();
        using var invalid = await admin.PostAsJsonAsync("/api/v1/prices", new
        {
            provider = "acme",
            model = "tierless",
            effectiveFrom = "2025-01-01",
            source = "s",
            checkedOn = "2025-01-01",
            tiers = new { batch = new { rates = new { input = 1, output = 1 } } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var problem = await invalid.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("standard", problem.GetProperty("errors").GetProperty("tiers")[0].GetString());
    }
}
