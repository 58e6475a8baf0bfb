using AiFinOps.Contracts.Messages;
using AiFinOps.Contracts.Usage.V1;
using AiFinOps.Ingest.Deduplication;
using AiFinOps.Ingest.Recording;
using AiFinOps.Ingest.Recording.Backpressure;
using AiFinOps.ServiceDefaults.Security;
using Grpc.Core;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AiFinOps.Ingest.Outcomes;

/// <summary>
/// Records a batch of outcomes with the same guarantees as usage: judged per event, deduplicated, confirmed. Reporting
/// is their only consumer: while it is deployed (a watched consumer), they are published mandatory, so a batch sent
/// before reporting first started is returned by the broker and refused UNAVAILABLE, not confirmed and dropped.
/// </summary>
public sealed class OutcomeRecorder(ReceivedEventLog received, BusPublisher publisher, IOptions<IngestLimits> options,
    IOptions<BackpressureOptions> backpressure, TimeProvider clock)
{
    public async Task<BatchOutcome> RecordAsync(IReadOnlyList<OutcomeEvent> outcomes, ApiKeyIdentity key, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        if (outcomes.Count > limits.MaxBatchSize)
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"outcomes: the batch has {outcomes.Count} outcomes; at most {limits.MaxBatchSize} are allowed per call"));

        var now = clock.GetUtcNow();
        var rejected = new List<IndexedRejection>();
        var valid = new List<RecordedOutcome>();
        for (var i = 0; i < outcomes.Count; i++)
        {
            var (outcome, rejection) = OutcomeValidation.Validate(outcomes[i], limits, now);
            if (rejection is not null) rejected.Add(new IndexedRejection(i, outcomes[i].EventId, rejection.Field, rejection.Reason));
            else valid.Add(outcome!);
        }

        var denied = valid.FirstOrDefault(o => !key.AllowsTeam(o.Team));
        if (denied is not null)
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"key '{key.Name}' may not record outcomes for team '{denied.Team}' (event {denied.EventId}). Nothing in this call was recorded."));

        var unique = valid.DistinctBy(o => o.EventId, StringComparer.Ordinal).ToList();
        await using var claim = await received.ClaimAsync("outcome", unique.Select(o => o.EventId).ToList(), cancellationToken);
        var fresh = unique.Where(o => claim.IsNew(o.EventId)).ToList();
        if (fresh.Count > 0)
        {
            await publisher.PublishAsync(new OutcomeBatchRecorded { BatchId = NewId.NextGuid(), Outcomes = fresh }, cancellationToken,
                mandatory: backpressure.Value.WatchedConsumers.Contains("reporting", StringComparer.Ordinal));
        }
        await claim.CommitAsync(CancellationToken.None);
        return new BatchOutcome(fresh.Count, valid.Count - fresh.Count, rejected, []);
    }
}
