using AiFinOps.Anomaly.Calls;
using AiFinOps.Anomaly.Calls.ObservingCalls;
using AiFinOps.Contracts.Messages;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace AiFinOps.Anomaly.Tests;

/// <summary>Exactly-once observation against the real PostgreSQL, driving the consumer's handler directly.</summary>
public sealed class ObservingCallsTests(AnomalyApp app) : IClassFixture<AnomalyApp>
{
    private IDocumentStore Store => app.Services.GetRequiredService<IDocumentStore>();

    [Fact]
    public async Task Redelivering_a_batch_observes_each_call_once()
    {
        var batch = Usages.Batch(Usages.Call("search", "triage", "run-1"), Usages.Call("search", "triage", "run-1"));

        Assert.Equal(2, await ObserveCalls.HandleAsync(Store, batch.Usages, default));
        Assert.Equal(0, await ObserveCalls.HandleAsync(Store, batch.Usages, default));

        Assert.Equal(2, await EventsRecordedFor(batch));
    }

    [Fact]
    public async Task Two_concurrent_deliveries_of_a_batch_observe_each_call_once()
    {
        var batch = Usages.Batch(Enumerable.Range(0, 200).Select(i => Usages.Call("search", "triage", $"run-{i % 7}")).ToArray());

        var observed = await Task.WhenAll(DeliverWithRetries(batch), DeliverWithRetries(batch));

        Assert.Equal(200, observed.Sum());
        Assert.Equal(200, await EventsRecordedFor(batch));
    }

    [Fact]
    public async Task A_duplicate_that_slips_past_the_existence_check_fails_its_transaction_and_the_retry_skips_it()
    {
        var batch = Usages.Batch(Usages.Call("search", "triage"));
        await ObserveCalls.HandleAsync(Store, batch.Usages, default);

        await using (var late = Store.LightweightSession())
        {
            late.Events.StartStream(CallObserved.StreamKey(batch.Usages[0].EventId), CallObservation.Observation(batch.Usages[0]));
            await Assert.ThrowsAnyAsync<Exception>(() => late.SaveChangesAsync());
        }

        Assert.Equal(0, await ObserveCalls.HandleAsync(Store, batch.Usages, default));
        Assert.Equal(1, await EventsRecordedFor(batch));
    }

    private Task<int> DeliverWithRetries(UsageBatchPriced batch) =>
        BusRetry.RunAsync(() => ObserveCalls.HandleAsync(Store, batch.Usages, default));

    private Task<long> EventsRecordedFor(UsageBatchPriced batch) =>
        app.EventsInStreamsAsync(batch.Usages.Select(u => CallObserved.StreamKey(u.EventId)));
}
