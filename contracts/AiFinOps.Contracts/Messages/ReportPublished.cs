namespace AiFinOps.Contracts.Messages;

/// <summary>
/// Reporting stored a new version of a report (or met one already stored and publishes it again: subscribers
/// deduplicate on <see cref="ReportId"/>, which is also the message id and is derived from kind, period and version).
/// </summary>
public sealed record ReportPublished
{
    public required Guid ReportId { get; init; }
    /// <summary><c>monthly</c> (the monthly AI cost report) or <c>quarterly</c> (the quarterly review pack).</summary>
    public required string Kind { get; init; }
    /// <summary><c>2026-10</c> for a month, <c>2026-Q3</c> for a quarter.</summary>
    public required string Period { get; init; }
    public required int Version { get; init; }
    public required string Title { get; init; }
    public required DateTimeOffset GeneratedAt { get; init; }
    /// <summary>Effective cost of the period in USD.</summary>
    public required decimal TotalCostUsd { get; init; }
    /// <summary>The self-contained HTML page of the report, through the gateway.</summary>
    public required string HtmlUrl { get; init; }
    /// <summary>The report as JSON, through the gateway.</summary>
    public required string JsonUrl { get; init; }
}
