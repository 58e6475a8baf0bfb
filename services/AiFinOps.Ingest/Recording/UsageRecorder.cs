using AiFinOps.Contracts.Messages;
using AiFinOps.Contracts.Usage.V1;
using AiFinOps.Ingest.Deduplication;
using AiFinOps.Ingest.Pricing;
using AiFinOps.Ingest.Recording.Backpressure;
using AiFinOps.Ingest.Recording.SpendMetrics;
using AiFinOps.ServiceDefaults.Security;
using Grpc.Core;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AiFinOps.Ingest.Recording;

/// <summary>
/// Records one batch: validate each event, check the key may emit for it, wait while the consumers are too far behind
/// or a consumer's queue does not exist yet (<see cref="AdmissionGate"/>), drop what was already received, price the
/// rest and publish them as ONE bus message — mandatory while consumers are watched, so a message no queue receives is
/// returned rather than confirmed and dropped — confirmed by the broker before the claim on their ids commits; only
/// then are they counted in the spend metrics.
/// </summary>
public sealed class UsageRecorder(
    ReceivedEventLog received,
    AdmissionGate admission,
    UsagePricing pricing,
    BusPublisher publisher,
    SpendMeter spendMeter,
    IOptions<IngestLimits> options,
    IOptions<BackpressureOptions> backpressure,
    TimeProvider clock)
{
    public async Task<BatchOutcome> RecordAsync(IReadOnlyList<UsageEvent> events, ApiKeyIdentity key, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        if (events.Count > limits.MaxBatchSize)
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"events: the batch has {events.Count} events; at most {limits.MaxBatchSize} are allowed per call"));

        var now = clock.GetUtcNow();
        var rejected = new List<IndexedRejection>();
        var valid = new List<ValidUsage>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var (usage, rejection) = UsageValidation.Validate(events[i], limits, now);
            if (rejection is not null) rejected.Add(new IndexedRejection(i, events[i].EventId, rejection.Field, rejection.Reason));
            else valid.Add(usage!);
        }

        EmissionPermission.Demand(key, valid);

        var unique = valid.DistinctBy(u => u.EventId, StringComparer.Ordinal).ToList();
        if (unique.Count > 0) await admission.WaitForRoomAsync(cancellationToken);
        await using var claim = await received.ClaimAsync("usage", unique.Select(u => u.EventId).ToList(), cancellationToken);
        var fresh = unique.Where(u => claim.IsNew(u.EventId)).ToList();

        var priced = fresh.Select(u => (Usage: u, Call: pricing.Explain(u))).ToList();
        if (priced.Count > 0)
        {
            await publisher.PublishAsync(new UsageBatchPriced
            {
                BatchId = NewId.NextGuid(),
                AcceptedAt = now,
                // The key's name (never its secret): data quality shows untagged spend by the key that sent it.
                Usages = priced.Select(p => PricedUsageMapping.ToMessage(p.Usage, p.Call.Cost, p.Call.Parts) with { RecordedBy = key.Name }).ToList(),
            }, cancellationToken, mandatory: backpressure.Value.WatchedConsumers.Count > 0);
        }
        await claim.CommitAsync(CancellationToken.None);
        spendMeter.Record(priced.Select(p => (p.Usage, p.Call.Cost.EffectiveCostUsd)));

        return new BatchOutcome(fresh.Count, valid.Count - fresh.Count, rejected, UnpricedWarnings(priced.Select(p => (p.Usage, p.Call.Cost))));
    }

    /// <summary>One warning per unpriced model, not one per event: a 10,000-event batch stays readable.</summary>
    private static List<string> UnpricedWarnings(IEnumerable<(ValidUsage Usage, UsageCost Cost)> priced) =>
        priced.Where(p => !p.Cost.Priced)
            .GroupBy(p => (p.Usage.Provider, p.Usage.Model))
            .Select(g => $"unpriced: {g.Count()} event(s) for {g.Key.Provider}/{g.Key.Model} have no catalogue price; recorded as unpriced and re-priced when a price arrives")
            .ToList();
}
