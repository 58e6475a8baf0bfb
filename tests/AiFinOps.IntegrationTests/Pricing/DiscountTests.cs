using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AiFinOps.IntegrationTests.Infrastructure;

namespace AiFinOps.IntegrationTests.Pricing;

public sealed class DiscountTests(AiFinOpsSystem system) : IClassFixture<AiFinOpsSystem>
{
    [Fact]
    public async Task A_negotiated_discount_books_effective_cost_below_list_cost()
    {
        using var http = system.Ingest.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AiFinOpsSystem.AdminKey);
        using var agreed = await http.PostAsJsonAsync("/api/v1/prices/discounts", new
        {
            id = "openai-ea-" + Guid.NewGuid().ToString("N")[..6],
            provider = "openai",
            model = "gpt-4o-mini",
            effectiveFrom = "2024-01-01",
            percentOff = 25,
            source = "enterprise agreement",
        });
        Assert.Equal(HttpStatusCode.Created, agreed.StatusCode);

        await system.IngestClient().RecordBatchAsync(
            Usage.Batch(Usage.Call("discounted", input: 1_000_000, output: 1_000_000)), AiFinOpsSystem.Bearer(AiFinOpsSystem.AdminKey));

        var spend = await Eventually.Until(() => SpendApi.ByTeamAsync(system.Allocation, AiFinOpsSystem.AdminKey),
            s => s.ContainsKey("discounted"), "the discounted call is booked");
        // gpt-4o-mini: $0.15 in + $0.60 out per million = $0.75 list; 25 % off = $0.5625 effective.
        Assert.Equal(0.75m, spend["discounted"].ListCostUsd);
        Assert.Equal(0.5625m, spend["discounted"].EffectiveCostUsd);
    }
}
