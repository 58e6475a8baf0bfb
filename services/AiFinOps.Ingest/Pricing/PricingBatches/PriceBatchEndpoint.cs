using System.Globalization;
using AiFinOps.Contracts.Messages;
using AiFinOps.Contracts.Pricing;
using AiFinOps.Contracts.Usage.V1;
using AiFinOps.Ingest.Catalogue.Keeping;
using AiFinOps.Ingest.Recording;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;

namespace AiFinOps.Ingest.Pricing.PricingBatches;

/// <summary>
/// Prices booked calls again, as of their own occurred_at with the catalogue as it is now, for allocation's re-pricing:
/// the very path ingest books with (the contract's validation, <see cref="UsagePricing"/>, the bus mapping), so a
/// re-priced call costs exactly what it would cost if it arrived now. Internal like <c>/internal/keys/verify</c>: the
/// gateway routes only <c>/api/v1/…</c>, so only the services inside the deployment reach it. It needs no key because its
/// caller is usually a bus consumer acting for nobody; it changes nothing and shows no more than a read-scope quote.
/// </summary>
public static class PriceBatchEndpoint
{
    /// <summary>Old calls are re-priced too: only the event's own rules apply, not the ingest horizon.</summary>
    private static readonly TimeSpan AnyAge = TimeSpan.FromDays(36_500);

    public static void MapPriceBatch(this IEndpointRouteBuilder routes) =>
        routes.MapPost(PriceBatchRequest.Path, Handle).AllowAnonymous().ExcludeFromDescription();

    private static async Task<IResult> Handle(PriceBatchRequest request, UsagePricing pricing, PriceCatalogue catalogue,
        IOptions<IngestLimits> options, TimeProvider clock, CancellationToken ct)
    {
        var limits = options.Value with { MaxEventAge = AnyAge };
        if (request.Usages.Count > limits.MaxBatchSize)
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["usages"] = [$"at most {limits.MaxBatchSize} calls per request"] });

        if (request.CatalogueSequence is { } sequence) pricing = new UsagePricing(await catalogue.IncludingAsync(sequence, ct));
        var now = clock.GetUtcNow();
        var priced = new List<PricedUsage>(request.Usages.Count);
        var rejected = new List<PriceBatchRejection>();
        foreach (var call in request.Usages)
        {
            var (usage, rejection) = UsageValidation.Validate(ToEvent(call), limits, now);
            if (rejection is not null)
            {
                rejected.Add(new PriceBatchRejection(call.EventId, rejection.Field, rejection.Reason));
                continue;
            }
            var explained = pricing.Explain(usage!);
            priced.Add(PricedUsageMapping.ToMessage(usage!, explained.Cost, explained.Parts));
        }
        return Results.Ok(new PriceBatchResult { Usages = priced, Rejected = rejected });
    }

    private static UsageEvent ToEvent(UsageToPrice call)
    {
        var e = new UsageEvent
        {
            EventId = call.EventId,
            OccurredAt = Timestamp.FromDateTimeOffset(call.OccurredAt),
            Provider = call.Provider,
            Model = call.Model,
            InputTokens = call.InputTokens,
            OutputTokens = call.OutputTokens,
            CacheReadTokens = call.CacheReadTokens,
            CacheWriteTokens = call.CacheWriteTokens,
            ReasoningTokens = call.ReasoningTokens,
            ServiceTier = call.ServiceTier,
            ReportedCostUsd = call.ReportedCostUsd?.ToString(CultureInfo.InvariantCulture) ?? "",
        };
        foreach (var (key, value) in call.Tags) e.Tags[key] = value;
        return e;
    }
}
