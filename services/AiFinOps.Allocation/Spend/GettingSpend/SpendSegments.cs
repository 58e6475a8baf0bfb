namespace AiFinOps.Allocation.Spend.GettingSpend;

/// <summary>
/// A part of a queried range and the table that answers it exactly. <paramref name="OpenDaysOnly"/>: only the rows of
/// the days not yet closed into the daily rollup (<c>bucket &gt;= </c><see cref="Ledger.LedgerTables.ClosedThrough"/>).
/// </summary>
public sealed record SpendSegment(string Table, string TimeColumn, DateTimeOffset From, DateTimeOffset To, bool OpenDaysOnly = false);

/// <summary>
/// Pure: splits a half-open range into the fewest rows to read — whole UTC days from the daily rollup (and those of
/// them still open from the hourly rollup), whole hours at its edges from the hourly rollup, and only the minutes
/// before the first and after the last whole hour from the ledger lines — so any range is answered exactly without
/// scanning the usage inside it.
/// </summary>
public static class SpendSegments
{
    /// <summary>Ingest accepts no usage this late, so ranges open to the end of time stop here (no overflow when rounding up).</summary>
    public static readonly DateTimeOffset EndOfUsage = new(9999, 12, 30, 0, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<SpendSegment> Of(DateTimeOffset from, DateTimeOffset to, string linesTable, string hourlyTable, string dailyTable)
    {
        if (to > EndOfUsage) to = EndOfUsage;
        if (from >= to) return [];
        var segments = new List<SpendSegment>();
        var firstHour = CeilHour(from);
        var lastHour = FloorHour(to);
        if (firstHour >= lastHour)
        {
            segments.Add(new(linesTable, "occurred_at", from, to));
            return segments;
        }
        if (from < firstHour) segments.Add(new(linesTable, "occurred_at", from, firstHour));

        var firstDay = CeilDay(firstHour);
        var lastDay = FloorDay(lastHour);
        if (firstDay < lastDay)
        {
            if (firstHour < firstDay) segments.Add(new(hourlyTable, "bucket", firstHour, firstDay));
            segments.Add(new(dailyTable, "bucket", firstDay, lastDay));
            segments.Add(new(hourlyTable, "bucket", firstDay, lastDay, OpenDaysOnly: true));
            if (lastDay < lastHour) segments.Add(new(hourlyTable, "bucket", lastDay, lastHour));
        }
        else
        {
            segments.Add(new(hourlyTable, "bucket", firstHour, lastHour));
        }

        if (lastHour < to) segments.Add(new(linesTable, "occurred_at", lastHour, to));
        return segments;
    }

    private static DateTimeOffset FloorHour(DateTimeOffset t)
    {
        var u = t.ToUniversalTime();
        return new DateTimeOffset(u.Year, u.Month, u.Day, u.Hour, 0, 0, TimeSpan.Zero);
    }

    private static DateTimeOffset CeilHour(DateTimeOffset t)
    {
        var floor = FloorHour(t);
        return floor == t ? floor : floor.AddHours(1);
    }

    private static DateTimeOffset FloorDay(DateTimeOffset t)
    {
        var u = t.ToUniversalTime();
        return new DateTimeOffset(u.Year, u.Month, u.Day, 0, 0, 0, TimeSpan.Zero);
    }

    private static DateTimeOffset CeilDay(DateTimeOffset t)
    {
        var floor = FloorDay(t);
        return floor == t ? floor : floor.AddDays(1);
    }
}
