using AiFinOps.IntegrationTests.Infrastructure;

namespace AiFinOps.IntegrationTests.Pricing;

public sealed class UnpricedUsageTests(AiFinOpsSystem system) : IClassFixture<AiFinOpsSystem>
{
    [Fact]
    public async Task Unpriced_calls_are_counted_and_listed_per_model_with_the_events_a_new_price_would_affect()
    {
        var model = "unlisted-" + Guid.NewGuid().ToString("N")[..6];
        var calls = new[]
        {
            Usage.Call("quality", provider: "acme", model: model, input: 100, output: 10),
            Usage.Call("quality", provider: "acme", model: model, input: 200, output: 20),
            Usage.Call("quality"),
        };
        await system.IngestClient().RecordBatchAsync(Usage.Batch(calls), AiFinOpsSystem.Bearer(AiFinOpsSystem.AdminKey));

        var unpriced = await Eventually.Until(
            () => ReadApi.GetAsync(system.Allocation, $"/api/v1/ledger/unpriced?provider=acme&model={model}", AiFinOpsSystem.AdminKey),
            body => body.GetProperty("models").GetArrayLength() == 1 && body.GetProperty("models")[0].GetProperty("events").GetInt64() == 2,
            "both unpriced calls are listed");

        var line = unpriced.GetProperty("models")[0];
        Assert.Equal(300, line.GetProperty("inputTokens").GetInt64());
        var samples = line.GetProperty("sampleEventIds").EnumerateArray().Select(e => e.GetString()).ToHashSet();
        Assert.Equal(new HashSet<string?> { calls[0].EventId, calls[1].EventId }, samples);
    }
}
