using AiFinOps.Allocation.Periods;

namespace AiFinOps.Allocation.Chargeback;

/// <summary>
/// Pure: the calendar day (organisation time zone) on which rules judge a daily rollup row. Rows are UTC days, rule
/// dates are local days: a row is judged at the local day of its middle, the row first cut to its billing period, so
/// the evening of the 31st in New York (already the 1st in UTC) is judged on the 31st with the period it belongs to.
/// A correction row (usage of an earlier, closed period) is judged on the middle of its UTC day: when the usage happened.
/// </summary>
public sealed class StatementDays(BillingPeriod period, TimeZoneInfo zone)
{
    private readonly DateTimeOffset start = period.Start(zone);
    private readonly DateTimeOffset end = period.End(zone);
    private readonly Dictionary<DateTimeOffset, DateOnly> known = [];

    public DateOnly Of(DateTimeOffset bucket)
    {
        if (known.TryGetValue(bucket, out var day)) return day;
        var (from, to) = (bucket > start ? bucket : start, bucket.AddDays(1) < end ? bucket.AddDays(1) : end);
        if (from >= to) (from, to) = (bucket, bucket.AddDays(1));
        var middle = from + (to - from) / 2;
        day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(middle, zone).DateTime);
        known[bucket] = day;
        return day;
    }
}
