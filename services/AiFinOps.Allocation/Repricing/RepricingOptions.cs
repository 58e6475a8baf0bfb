namespace AiFinOps.Allocation.Repricing;

/// <summary>Configuration section <c>Allocation:Repricing</c>. <see cref="PageSize"/>: calls per page, i.e. per
/// transaction, per request to ingest, per <c>UsageRepriced</c> event and per <c>SpendRepriced</c> message.
/// <see cref="PublishTimeout"/>: how long a page's message may wait for the broker's confirm before the run fails
/// (and is retried: the page, booked already, is published again).</summary>
public sealed record RepricingOptions
{
    public const string Section = "Allocation:Repricing";

    public int PageSize { get; init; } = 1_000;

    public TimeSpan PublishTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
