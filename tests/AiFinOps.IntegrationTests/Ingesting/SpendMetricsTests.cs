using System.Diagnostics.Metrics;
using AiFinOps.IntegrationTests.Infrastructure;
using AiFinOps.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AiFinOps.IntegrationTests.Ingesting;

public sealed class SpendMetricsTests(AiFinOpsSystem system) : IClassFixture<AiFinOpsSystem>
{
    [Fact]
    public async Task A_recorded_batch_is_measured_as_its_accepted_cost_and_tokens_and_a_retry_adds_nothing()
    {
        using var measurements = new MeterMeasurements(system.Ingest.Services.GetRequiredService<IMeterFactory>());
        var team = "metrics-" + Guid.NewGuid().ToString("N")[..8];
        var a1 = Usage.Call(team, input: 1_000, output: 500, workflow: "triage");
        var a2 = Usage.Call(team, input: 2_000, cacheRead: 1_000, output: 100, workflow: "triage");
        var b1 = Usage.Call(team, provider: "anthropic", model: "claude-sonnet-4-20250514", input: 10_000, output: 2_000, workflow: "triage");
        var unpriced = Usage.Call(team, provider: "acme", model: "mystery-model-1", input: 7, output: 3, workflow: "triage");
        var bad = Usage.Call(team, input: 100, cacheRead: 200);
        var batch = Usage.Batch(a1, a2, b1, unpriced, a1.Clone(), bad);

        var result = await system.IngestClient().RecordBatchAsync(batch, AiFinOpsSystem.Bearer(AiFinOpsSystem.AdminKey));

        Assert.Equal(4, result.Accepted);
        Assert.Equal(1, result.Duplicates);
        Assert.Single(result.Rejected);
        // gpt-4o-mini: $0.15 input, $0.075 cached input, $0.60 output per million; claude-sonnet-4: $3 / $15.
        var gpt = 1_000 * 0.15m / 1e6m + 500 * 0.60m / 1e6m + 1_000 * 0.15m / 1e6m + 1_000 * 0.075m / 1e6m + 100 * 0.60m / 1e6m;
        var claude = 10_000 * 3m / 1e6m + 2_000 * 15m / 1e6m;
        AssertMeasured(measurements, team, gpt, claude);

        var retry = await system.IngestClient().RecordBatchAsync(batch, AiFinOpsSystem.Bearer(AiFinOpsSystem.AdminKey));

        Assert.Equal(0, retry.Accepted);
        AssertMeasured(measurements, team, gpt, claude);
    }

    private static void AssertMeasured(MeterMeasurements measurements, string team, decimal gpt, decimal claude)
    {
        var spend = measurements.Of("aifinops.spend").Where(m => m.Tags["team"] == team).ToList();
        Assert.Equal((double)gpt, spend.Where(m => m.Tags["model"] == "gpt-4o-mini").Sum(m => m.Value), 12);
        Assert.Equal((double)claude, spend.Where(m => m.Tags["model"] == "claude-sonnet-4-20250514").Sum(m => m.Value), 12);
        Assert.DoesNotContain(spend, m => m.Tags["model"] == "mystery-model-1");
        Assert.All(spend, m => Assert.Equal(("triage", "prod"), (m.Tags["workflow"], m.Tags["environment"])));
        // One Add per distinct attribute set: the two gpt-4o-mini calls are one measurement.
        Assert.Single(spend, m => m.Tags["model"] == "gpt-4o-mini");

        var events = measurements.Of("aifinops.usage.events").Where(m => m.Tags["team"] == team).ToList();
        Assert.Equal(4, events.Sum(m => m.Value));
        Assert.Equal(1, events.Single(m => m.Tags["provider"] == "acme").Value);

        var tokens = measurements.Of("aifinops.tokens").Where(m => m.Tags["team"] == team)
            .GroupBy(m => m.Tags["token.type"]).ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        Assert.Equal(1_000 + 1_000 + 10_000 + 7, tokens["input"]);
        Assert.Equal(1_000, tokens["cache_read"]);
        Assert.Equal(500 + 100 + 2_000 + 3, tokens["output"]);
        Assert.False(tokens.ContainsKey("reasoning"));
    }
}
