namespace AiFinOps.Contracts.Messages;

/// <summary>
/// A call's list cost split by kind of token, in decimal USD; the parts sum to the call's list cost.
/// <see cref="OutputUsd"/> is the output without reasoning; <see cref="ReasoningUsd"/> prices the reasoning tokens at
/// the rate that priced them: the reasoning price, or the output price where the catalogue bills reasoning as output.
/// </summary>
public sealed record TokenTypeCosts
{
    public required decimal UncachedInputUsd { get; init; }
    public required decimal CacheReadUsd { get; init; }
    public required decimal CacheWriteUsd { get; init; }
    public required decimal OutputUsd { get; init; }
    public required decimal ReasoningUsd { get; init; }
}
