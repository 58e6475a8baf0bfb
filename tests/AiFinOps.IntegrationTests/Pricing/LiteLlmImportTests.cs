using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AiFinOps.IntegrationTests.Infrastructure;

namespace AiFinOps.IntegrationTests.Pricing;

public sealed class LiteLlmImportTests(AiFinOpsSystem system) : IClassFixture<AiFinOpsSystem>
{
    private readonly string run = Guid.NewGuid().ToString("N")[..6];

    private string File(decimal sonnetInputPerToken) => $$"""
    {
      "sample_spec": { "litellm_provider": "one of the providers", "mode": "chat" },
      "acme/chat-{{run}}": { "litellm_provider": "acme", "mode": "chat", "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05,
        "cache_read_input_token_cost": 3e-07, "cache_creation_input_token_cost": 3.75e-06 },
      "long-{{run}}": { "litellm_provider": "acme", "mode": "chat", "input_cost_per_token": {{sonnetInputPerToken.ToString(System.Globalization.CultureInfo.InvariantCulture)}},
        "output_cost_per_token": 1e-05, "input_cost_per_token_above_200k_tokens": 2.5e-06, "output_cost_per_token_above_200k_tokens": 1.5e-05 },
      "embed-{{run}}": { "litellm_provider": "acme", "mode": "embedding", "input_cost_per_token": 2e-08, "output_cost_per_token": 0 }
    }
    """;

    private HttpClient Admin()
    {
        var http = system.Ingest.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AiFinOpsSystem.AdminKey);
        return http;
    }

    private static async Task<JsonElement> Import(HttpClient http, string file, string effectiveFrom, bool apply)
    {
        using var response = await http.PostAsync($"/api/v1/prices/imports/litellm?effectiveFrom={effectiveFrom}&apply={apply}",
            new StringContent(file, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static int Count(JsonElement plan, string outcome) => plan.GetProperty("counts").GetProperty(outcome).GetInt32();

    private async Task<decimal?> InputPrice(HttpClient http, string model, string at)
    {
        using var response = await http.GetAsync($"/api/v1/prices/acme/{model}?at={at}");
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        var inForce = await response.Content.ReadFromJsonAsync<JsonElement>();
        return inForce.GetProperty("price").GetProperty("tiers").GetProperty("standard").GetProperty("rates").GetProperty("input").GetDecimal();
    }

    [Fact]
    public async Task A_preview_changes_nothing_applying_twice_adds_once_and_a_conflict_is_reported_not_applied()
    {
        using var http = Admin();
        var file = File(1.25e-06m);

        var preview = await Import(http, file, "2025-11-01", apply: false);
        Assert.False(preview.GetProperty("applied").GetBoolean());
        Assert.Equal(2, Count(preview, "new"));
        Assert.Equal(2, Count(preview, "skipped"));
        Assert.Null(await InputPrice(http, $"chat-{run}", "2025-11-01"));

        var applied = await Import(http, file, "2025-11-01", apply: true);
        Assert.True(applied.GetProperty("applied").GetBoolean());
        Assert.Equal(2, Count(applied, "new"));
        Assert.Equal(3m, await InputPrice(http, $"chat-{run}", "2025-11-01"));
        Assert.Equal(1.25m, await InputPrice(http, $"long-{run}", "2025-11-01"));

        var again = await Import(http, file, "2025-11-01", apply: true);
        Assert.Equal(2, Count(again, "unchanged"));
        Assert.Equal(0, Count(again, "new") + Count(again, "changed") + Count(again, "conflict"));

        var conflicting = await Import(http, File(2e-06m), "2025-11-01", apply: true);
        Assert.Equal(1, Count(conflicting, "conflict"));
        var line = Assert.Single(conflicting.GetProperty("lines").EnumerateArray(), l => l.GetProperty("outcome").GetString() == "conflict");
        Assert.Equal($"long-{run}", line.GetProperty("model").GetString());
        Assert.Equal(1.25m, await InputPrice(http, $"long-{run}", "2025-11-01"));

        var later = await Import(http, File(2e-06m), "2025-12-01", apply: true);
        Assert.Equal(1, Count(later, "changed"));
        Assert.Equal(1, Count(later, "unchanged"));
        Assert.Equal(2m, await InputPrice(http, $"long-{run}", "2025-12-15"));
        Assert.Equal(1.25m, await InputPrice(http, $"long-{run}", "2025-11-15"));
    }

    [Fact]
    public async Task A_file_that_is_not_JSON_is_refused_with_the_reason()
    {
        using var http = Admin();
        using var response = await http.PostAsync("/api/v1/prices/imports/litellm?effectiveFrom=2025-11-01",
            new StringContent("{ not json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }
}
