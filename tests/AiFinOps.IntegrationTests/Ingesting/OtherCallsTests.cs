using AiFinOps.Contracts.Usage.V1;
using AiFinOps.IntegrationTests.Infrastructure;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace AiFinOps.IntegrationTests.Ingesting;

public sealed class OtherCallsTests(AiFinOpsSystem system) : IClassFixture<AiFinOpsSystem>
{
    private static readonly Metadata Admin = AiFinOpsSystem.Bearer(AiFinOpsSystem.AdminKey);

    [Fact]
    public async Task Record_accepts_once_then_answers_duplicate()
    {
        var call = Usage.Call("single");
        Assert.Equal("accepted", (await system.IngestClient().RecordAsync(call, Admin)).Status);
        Assert.Equal("duplicate", (await system.IngestClient().RecordAsync(call, Admin)).Status);
    }

    [Fact]
    public async Task Record_rejects_a_bad_event_with_invalid_argument_naming_the_field()
    {
        var call = Usage.Call("single", output: 10);
        call.ReasoningTokens = 50;

        var error = await Assert.ThrowsAsync<RpcException>(() => system.IngestClient().RecordAsync(call, Admin).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("reasoning_tokens", error.Trailers.GetValue("field"));
        Assert.Contains("output_tokens", error.Trailers.GetValue("reason"));
    }

    [Fact]
    public async Task RecordStream_answers_each_batch_in_order()
    {
        using var stream = system.IngestClient().RecordStream(Admin);
        var first = Usage.Batch(Usage.Call("streamer"), Usage.Call("streamer"));
        var second = Usage.Batch(first.Events[0], Usage.Call("streamer"), Usage.Call("streamer"));

        await stream.RequestStream.WriteAsync(first);
        await stream.RequestStream.WriteAsync(second);
        await stream.RequestStream.CompleteAsync();
        var results = new List<BatchResult>();
        await foreach (var result in stream.ResponseStream.ReadAllAsync()) results.Add(result);

        Assert.Equal([2, 2], results.Select(r => r.Accepted));
        Assert.Equal([0, 1], results.Select(r => r.Duplicates));
    }

    [Fact]
    public async Task RecordOutcomes_accepts_good_outcomes_and_rejects_a_missing_unit()
    {
        var batch = new OutcomeBatch();
        batch.Outcomes.Add(new OutcomeEvent
        {
            EventId = Guid.NewGuid().ToString(),
            OccurredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            Workflow = "ticket-triage",
            Team = "support",
            Unit = "query_resolved",
            Quantity = 3,
        });
        batch.Outcomes.Add(new OutcomeEvent
        {
            EventId = Guid.NewGuid().ToString(),
            OccurredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            Workflow = "ticket-triage",
            Team = "support",
            Quantity = 1,
        });

        var result = await system.IngestClient().RecordOutcomesAsync(batch, Admin);

        Assert.Equal(1, result.Accepted);
        Assert.Equal("unit", Assert.Single(result.Rejected).Field);
        Assert.Equal(1, (await system.IngestClient().RecordOutcomesAsync(batch, Admin)).Duplicates);
    }

    [Fact]
    public async Task A_batch_above_the_limit_is_refused_whole_with_invalid_argument()
    {
        var batch = new UsageBatch();
        batch.Events.Add(Enumerable.Range(0, 10_001).Select(_ => Usage.Call("huge")));

        var error = await Assert.ThrowsAsync<RpcException>(() => system.IngestClient().RecordBatchAsync(batch, Admin).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("10000", error.Status.Detail);
    }
}
