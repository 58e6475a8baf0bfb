using AiFinOps.Contracts.Usage.V1;
using AiFinOps.Ingest.Outcomes;
using AiFinOps.ServiceDefaults.Security;
using Grpc.Core;

namespace AiFinOps.Ingest.Recording;

/// <summary>The public gRPC API. Every call needs a key with the <c>ingest</c> scope.</summary>
public sealed class UsageIngestService(CallAuthentication authentication, UsageRecorder usage, OutcomeRecorder outcomes)
    : UsageIngest.UsageIngestBase
{
    public override async Task<RecordResult> Record(UsageEvent request, ServerCallContext context)
    {
        var key = await authentication.RequireAsync(context, ApiScopes.Ingest);
        var outcome = await usage.RecordAsync([request], key, context.CancellationToken);
        if (outcome.Rejected is [var rejection, ..])
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"{rejection.Field}: {rejection.Reason}"),
                new Metadata { { "field", rejection.Field }, { "reason", rejection.Reason } });
        }
        var result = new RecordResult { Status = outcome.Accepted == 1 ? "accepted" : "duplicate" };
        result.Warnings.Add(outcome.Warnings);
        return result;
    }

    public override async Task<BatchResult> RecordBatch(UsageBatch request, ServerCallContext context)
    {
        var key = await authentication.RequireAsync(context, ApiScopes.Ingest);
        return ToResult(await usage.RecordAsync(request.Events, key, context.CancellationToken));
    }

    public override async Task RecordStream(IAsyncStreamReader<UsageBatch> requestStream, IServerStreamWriter<BatchResult> responseStream, ServerCallContext context)
    {
        var key = await authentication.RequireAsync(context, ApiScopes.Ingest);
        await foreach (var batch in requestStream.ReadAllAsync(context.CancellationToken))
        {
            var outcome = await usage.RecordAsync(batch.Events, key, context.CancellationToken);
            await responseStream.WriteAsync(ToResult(outcome), context.CancellationToken);
        }
    }

    public override async Task<BatchResult> RecordOutcomes(OutcomeBatch request, ServerCallContext context)
    {
        var key = await authentication.RequireAsync(context, ApiScopes.Ingest);
        return ToResult(await outcomes.RecordAsync(request.Outcomes, key, context.CancellationToken));
    }

    private static BatchResult ToResult(BatchOutcome outcome)
    {
        var result = new BatchResult { Accepted = outcome.Accepted, Duplicates = outcome.Duplicates };
        result.Rejected.Add(outcome.Rejected.Select(r => new Rejection { Index = r.Index, EventId = r.EventId, Field = r.Field, Reason = r.Reason }));
        result.Warnings.Add(outcome.Warnings);
        return result;
    }
}
