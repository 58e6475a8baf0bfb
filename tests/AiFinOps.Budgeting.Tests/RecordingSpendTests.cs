using AiFinOps.Budgeting.Spend;
using AiFinOps.Budgeting.Spend.RecordingSpend;
using AiFinOps.Contracts.Messages;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace AiFinOps.Budgeting.Tests;

/// <summary>Exactly-once recording against the real PostgreSQL, driving the consumer's handler directly.</summary>
public sealed class RecordingSpendTests(BudgetingApp app) : IClassFixture<BudgetingApp>
{
    private IDocumentStore Store => app.Services.GetRequiredService<IDocumentStore>();

    [Fact]
    public async Task Redelivering_a_batch_records_each_usage_once()
    {
        var team = Usages.NewTeam();
        var batch = Usages.Batch(Usages.Priced(team, 1.5m, 1.2m), Usages.Priced(team, 0.5m, 0.4m));

        Assert.Equal(2, await RecordSpend.HandleAsync(Store, batch.Usages, default));
        Assert.Equal(0, await RecordSpend.HandleAsync(Store, batch.Usages, default));

        Assert.Equal(2, await EventsRecordedFor(batch));
    }

    [Fact]
    public async Task Two_concurrent_deliveries_of_a_batch_record_each_usage_once()
    {
        var team = Usages.NewTeam();
        var batch = Usages.Batch(Enumerable.Range(0, 200).Select(_ => Usages.Priced(team, 0.01m, 0.01m)).ToArray());

        var accrued = await Task.WhenAll(DeliverWithRetries(batch), DeliverWithRetries(batch));

        Assert.Equal(200, accrued.Sum());
        Assert.Equal(200, await EventsRecordedFor(batch));
    }

    [Fact]
    public async Task A_duplicate_that_slips_past_the_existence_check_fails_its_transaction_and_the_retry_skips_it()
    {
        var batch = Usages.Batch(Usages.Priced(Usages.NewTeam(), 1m, 1m));
        await RecordSpend.HandleAsync(Store, batch.Usages, default);

        // What a concurrent delivery that checked before the winner committed would do: start the stream again.
        await using (var late = Store.LightweightSession())
        {
            late.Events.StartStream(SpendAccrued.StreamKey(batch.Usages[0].EventId), SpendRecording.Accrual(batch.Usages[0]));
            await Assert.ThrowsAnyAsync<Exception>(() => late.SaveChangesAsync());
        }

        Assert.Equal(0, await RecordSpend.HandleAsync(Store, batch.Usages, default));
        Assert.Equal(1, await EventsRecordedFor(batch));
    }

    private Task<int> DeliverWithRetries(UsageBatchPriced batch) =>
        BusRetry.RunAsync(() => RecordSpend.HandleAsync(Store, batch.Usages, default));

    private Task<long> EventsRecordedFor(UsageBatchPriced batch) =>
        app.EventsInStreamsAsync(batch.Usages.Select(u => SpendAccrued.StreamKey(u.EventId)));
}
