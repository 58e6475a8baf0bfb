namespace AiFinOps.Allocation.Periods;

/// <summary>A billing period was closed: what finance took from it stays as it is; later changes are corrections.</summary>
public sealed record BillingPeriodClosed(string Period, string ClosedBy, DateTimeOffset ClosedAt);

/// <summary>
/// Which billing periods are closed, folded from the single stream <see cref="StreamKey"/>. Periods close in calendar
/// order, so the closed ones are exactly those up to <see cref="ClosedThrough"/>.
/// </summary>
public sealed record BillingCalendar(string Id, string? ClosedThrough, IReadOnlyList<BillingPeriodClosed> Closings)
{
    public const string StreamKey = "billing-calendar";

    public static BillingCalendar Empty { get; } = new(StreamKey, null, []);

    public static BillingCalendar Create(BillingPeriodClosed e) => Empty.Apply(e);

    public BillingCalendar Apply(BillingPeriodClosed e) => this with { ClosedThrough = e.Period, Closings = [.. Closings, e] };

    public bool IsClosed(BillingPeriod period) =>
        ClosedThrough is not null && BillingPeriod.TryParse(ClosedThrough, out var last) && period <= last;

    /// <summary>Where a line for usage of <paramref name="usagePeriod"/> is charged: its own period, or the first open one.</summary>
    public BillingPeriod ChargedIn(BillingPeriod usagePeriod) =>
        IsClosed(usagePeriod) && BillingPeriod.TryParse(ClosedThrough, out var last) ? last.Next : usagePeriod;
}
