namespace AiFinOps.Contracts.Messages;

/// <summary>
/// One accepted gRPC batch, validated, deduplicated at the edge and priced. Published once per batch with
/// publisher confirms; consumers stay idempotent on each usage's <see cref="PricedUsage.EventId"/>.
/// </summary>
public sealed record UsageBatchPriced
{
    public required Guid BatchId { get; init; }
    public required DateTimeOffset AcceptedAt { get; init; }
    public required IReadOnlyList<PricedUsage> Usages { get; init; }
}
