using AiFinOps.Contracts.Messages;
using AiFinOps.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AiFinOps.IntegrationTests.Ingesting;

public sealed class RecordingBatchesTests(AiFinOpsSystem system) : IClassFixture<AiFinOpsSystem>
{
    private const string Admin = AiFinOpsSystem.AdminKey;

    [Fact]
    public async Task A_batch_is_judged_event_by_event_and_reaches_allocation_budgeting_and_anomaly_exactly_once()
    {
        var workflow = "exactly-once-" + Guid.NewGuid().ToString("N")[..8];
        var a1 = Usage.Call("alpha", input: 1_000, output: 500, workflow: workflow);
        var a2 = Usage.Call("alpha", input: 2_000, cacheRead: 1_000, output: 100, workflow: workflow);
        var b1 = Usage.Call("beta", provider: "anthropic", model: "claude-sonnet-4-20250514", input: 10_000, output: 2_000, workflow: workflow);
        var b2 = Usage.Call("beta", provider: "acme", model: "mystery-model-1", workflow: workflow);
        var retryOfA1 = a1.Clone();
        var bad = Usage.Call("alpha", input: 100, cacheRead: 200);
        var batch = Usage.Batch(a1, a2, b1, b2, retryOfA1, bad);

        var result = await system.IngestClient().RecordBatchAsync(batch, AiFinOpsSystem.Bearer(Admin));

        Assert.Equal(4, result.Accepted);
        Assert.Equal(1, result.Duplicates);
        var rejection = Assert.Single(result.Rejected);
        Assert.Equal(5, rejection.Index);
        Assert.Equal(bad.EventId, rejection.EventId);
        Assert.Equal("cache_read_tokens", rejection.Field);
        Assert.Contains("exceed input_tokens", rejection.Reason);
        Assert.Contains(result.Warnings, w => w.Contains("acme/mystery-model-1") && w.Contains("unpriced"));

        var spend = await Eventually.Until(() => SpendApi.ByTeamAsync(system.Allocation, Admin),
            s => s.Where(r => r.Key is "alpha" or "beta").Sum(r => r.Value.Events) == 4, "the four accepted events are in the ledger");

        // gpt-4o-mini: $0.15 input, $0.075 cached input, $0.60 output per million tokens.
        Assert.Equal(1_000 * 0.15m / 1e6m + 500 * 0.60m / 1e6m + 1_000 * 0.15m / 1e6m + 1_000 * 0.075m / 1e6m + 100 * 0.60m / 1e6m,
            spend["alpha"].ListCostUsd);
        Assert.Equal(2, spend["alpha"].Events);
        Assert.Equal(3_000, spend["alpha"].InputTokens);
        Assert.Equal(600, spend["alpha"].OutputTokens);
        // claude-sonnet-4: $3 input, $15 output per million; the unknown model is counted but unpriced, never guessed.
        Assert.Equal(10_000 * 3m / 1e6m + 2_000 * 15m / 1e6m, spend["beta"].ListCostUsd);
        Assert.Equal(2, spend["beta"].Events);
        Assert.Equal(1, spend["beta"].UnpricedEvents);

        // Budgeting accrues the same cost allocation booked; anomaly observed each call once.
        var accrued = await Eventually.Until(() => ReadApi.AccruedByTeamAsync(system.Budgeting, Admin),
            a => a.Where(t => t.Key is "alpha" or "beta").Sum(t => t.Value.Events) == 4, "budgeting accrued the four events");
        Assert.Equal((2, spend["alpha"].ListCostUsd), accrued["alpha"]);
        Assert.Equal((2, spend["beta"].ListCostUsd), accrued["beta"]);
        await Eventually.Until(() => ReadApi.WorkflowCallsAsync(system.Anomaly, workflow, Admin), calls => calls == 4,
            "anomaly observed the four calls");

        var again = await system.IngestClient().RecordBatchAsync(batch, AiFinOpsSystem.Bearer(Admin));
        Assert.Equal(0, again.Accepted);
        Assert.Equal(5, again.Duplicates);
        Assert.Single(again.Rejected);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var spendAfter = await SpendApi.ByTeamAsync(system.Allocation, Admin);
        Assert.Equal(spend["alpha"], spendAfter["alpha"]);
        Assert.Equal(spend["beta"], spendAfter["beta"]);
        var accruedAfter = await ReadApi.AccruedByTeamAsync(system.Budgeting, Admin);
        Assert.Equal(accrued["alpha"], accruedAfter["alpha"]);
        Assert.Equal(accrued["beta"], accruedAfter["beta"]);
        Assert.Equal(4, await ReadApi.WorkflowCallsAsync(system.Anomaly, workflow, Admin));
    }

    [Fact]
    public async Task A_redelivered_bus_message_changes_nothing()
    {
        var usages = PricedUsages.Of("gamma", 3, "redelivery");
        var message = new UsageBatchPriced { BatchId = NewId.NextGuid(), AcceptedAt = DateTimeOffset.UtcNow, Usages = usages };
        var bus = system.Ingest.Services.GetRequiredService<IBus>();

        await bus.Publish(message);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => bus.Publish(message)));
        await bus.Publish(message with { BatchId = NewId.NextGuid(), Usages = [usages[0], usages[1]] });

        await Eventually.Until(() => SpendApi.ByTeamAsync(system.Allocation, Admin),
            s => s.TryGetValue("gamma", out var g) && g.Events >= 3, "the redelivered usages are booked");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var gamma = (await SpendApi.ByTeamAsync(system.Allocation, Admin))["gamma"];
        Assert.Equal(3, gamma.Events);
        Assert.Equal(0.03m, gamma.ListCostUsd);
    }
}
