using System.Globalization;

namespace AiFinOps.Allocation.Periods;

/// <summary>A calendar month of the organisation's time zone, written <c>yyyy-MM</c>: what chargeback is billed by.</summary>
public readonly record struct BillingPeriod(int Year, int Month) : IComparable<BillingPeriod>
{
    public static BillingPeriod Of(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return new BillingPeriod(local.Year, local.Month);
    }

    public static bool TryParse(string? text, out BillingPeriod period)
    {
        period = default;
        if (!DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)) return false;
        if (month.Year is < 2000 or > 2999) return false; // keeps every boundary computable; no AI usage predates 2000
        period = new BillingPeriod(month.Year, month.Month);
        return true;
    }

    public BillingPeriod Next => Month == 12 ? new(Year + 1, 1) : new(Year, Month + 1);

    public BillingPeriod Previous => Month == 1 ? new(Year - 1, 12) : new(Year, Month - 1);

    /// <summary>The first instant of the period (inclusive), in UTC.</summary>
    public DateTimeOffset Start(TimeZoneInfo zone) => StartOfLocalMonth(Year, Month, zone);

    /// <summary>The first instant after the period (exclusive end), in UTC.</summary>
    public DateTimeOffset End(TimeZoneInfo zone) => Next.Start(zone);

    public int CompareTo(BillingPeriod other) => (Year * 12 + Month).CompareTo(other.Year * 12 + other.Month);

    public static bool operator <(BillingPeriod a, BillingPeriod b) => a.CompareTo(b) < 0;
    public static bool operator >(BillingPeriod a, BillingPeriod b) => a.CompareTo(b) > 0;
    public static bool operator <=(BillingPeriod a, BillingPeriod b) => a.CompareTo(b) <= 0;
    public static bool operator >=(BillingPeriod a, BillingPeriod b) => a.CompareTo(b) >= 0;

    public override string ToString() => $"{Year:D4}-{Month:D2}";

    /// <summary>
    /// The earliest instant whose local month is this one, found by bisection on <see cref="Of"/> itself: local midnight
    /// of the 1st can be skipped or happen twice when a daylight-saving change falls on it, and only the conversion the
    /// ledger uses decides which UTC instant starts the month.
    /// </summary>
    private static DateTimeOffset StartOfLocalMonth(int year, int month, TimeZoneInfo zone)
    {
        var period = new BillingPeriod(year, month);
        var midnight = new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero);
        var before = midnight.AddHours(-15).UtcTicks; // every offset lies within ±14 h
        var after = midnight.AddHours(15).UtcTicks;
        while (after - before > TimeSpan.TicksPerSecond)
        {
            var middle = before + (after - before) / 2;
            if (Of(new DateTimeOffset(middle, TimeSpan.Zero), zone) < period) before = middle;
            else after = middle;
        }
        return new DateTimeOffset(after - after % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }
}
