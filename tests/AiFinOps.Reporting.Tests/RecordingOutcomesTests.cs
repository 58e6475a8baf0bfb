using AiFinOps.Contracts.Messages;
using AiFinOps.Reporting.Outcomes;
using AiFinOps.Reporting.Outcomes.RecordingOutcomes;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace AiFinOps.Reporting.Tests;

/// <summary>Exactly-once recording against the real PostgreSQL, driving the consumer's handler directly.</summary>
public sealed class RecordingOutcomesTests(ReportingApp app) : IClassFixture<ReportingApp>
{
    private IDocumentStore Store => app.Services.GetRequiredService<IDocumentStore>();

    [Fact]
    public async Task Redelivering_a_batch_records_each_outcome_once()
    {
        var batch = Outcomes.Batch(Outcomes.Delivered("support", "triage", "ticket", 1), Outcomes.Delivered("support", "triage", "ticket", 1));

        Assert.Equal(2, await RecordOutcomes.HandleAsync(Store, batch.Outcomes, default));
        Assert.Equal(0, await RecordOutcomes.HandleAsync(Store, batch.Outcomes, default));

        Assert.Equal(2, await EventsRecordedFor(batch));
    }

    [Fact]
    public async Task Two_concurrent_deliveries_of_a_batch_record_each_outcome_once()
    {
        var batch = Outcomes.Batch(Enumerable.Range(0, 200).Select(_ => Outcomes.Delivered("support", "triage", "ticket", 1)).ToArray());

        var recorded = await Task.WhenAll(DeliverWithRetries(batch), DeliverWithRetries(batch));

        Assert.Equal(200, recorded.Sum());
        Assert.Equal(200, await EventsRecordedFor(batch));
    }

    [Fact]
    public async Task A_duplicate_that_slips_past_the_existence_check_fails_its_transaction_and_the_retry_skips_it()
    {
        var batch = Outcomes.Batch(Outcomes.Delivered("support", "triage", "ticket", 1));
        await RecordOutcomes.HandleAsync(Store, batch.Outcomes, default);

        await using (var late = Store.LightweightSession())
        {
            late.Events.StartStream(OutcomeRecorded.StreamKey(batch.Outcomes[0].EventId), OutcomeRecording.Recorded(batch.Outcomes[0]));
            await Assert.ThrowsAnyAsync<Exception>(() => late.SaveChangesAsync());
        }

        Assert.Equal(0, await RecordOutcomes.HandleAsync(Store, batch.Outcomes, default));
        Assert.Equal(1, await EventsRecordedFor(batch));
    }

    private Task<int> DeliverWithRetries(OutcomeBatchRecorded batch) =>
        BusRetry.RunAsync(() => RecordOutcomes.HandleAsync(Store, batch.Outcomes, default));

    private Task<long> EventsRecordedFor(OutcomeBatchRecorded batch) =>
        app.EventsInStreamsAsync(batch.Outcomes.Select(o => OutcomeRecorded.StreamKey(o.EventId)));
}
