namespace AiFinOps.Allocation.Repricing;

/// <summary>Configuration section <c>Allocation:Repricing</c>. <see cref="PageSize"/>: calls per page, i.e. per
/// transaction, per request to ingest and per <c>UsageRepriced</c> event.</summary>
public sealed record RepricingOptions
{
    public const string Section = "Allocation:Repricing";

    public int PageSize { get; init; } = 1_000;
}
