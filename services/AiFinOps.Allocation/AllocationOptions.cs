namespace AiFinOps.Allocation;

/// <summary>
/// Configuration section <c>Allocation</c>. <see cref="TimeZone"/>: the organisation's IANA time zone; billing periods
/// are its calendar months (default UTC). <see cref="ExtraDimensions"/>: tag keys kept as dimensions of the spend
/// rollups besides team, workflow, environment, provider, model, service tier and cost centre (e.g. product,
/// customer). Changing either applies to usage booked afterwards; rebuild the ledger to apply it to the past.
/// </summary>
public sealed record AllocationOptions
{
    public const string Section = "Allocation";

    public string TimeZone { get; init; } = "UTC";
    public IReadOnlyList<string> ExtraDimensions { get; init; } = [];

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}
