using AiFinOps.Contracts.Messages;
using AiFinOps.Reporting.Outcomes;
using AiFinOps.Reporting.Outcomes.RecordingOutcomes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

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

    /// <summary>What MassTransit's retry policy does around the consumer: try again after a failed transaction.</summary>
    private async Task<int> DeliverWithRetries(OutcomeBatchRecorded batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RecordOutcomes.HandleAsync(Store, batch.Outcomes, default);
            }
            catch (Exception) when (attempt < 5)
            {
                await Task.Delay(50);
            }
        }
    }

    private async Task<long> EventsRecordedFor(OutcomeBatchRecorded batch)
    {
        await using var connection = new NpgsqlConnection(TestServers.Postgres);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand($"select count(*) from {app.Schema}.mt_events where stream_id = any($1)", connection);
        count.Parameters.Add(new NpgsqlParameter { Value = batch.Outcomes.Select(o => OutcomeRecorded.StreamKey(o.EventId)).ToArray() });
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
