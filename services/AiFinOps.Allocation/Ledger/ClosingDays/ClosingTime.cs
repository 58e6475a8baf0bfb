namespace AiFinOps.Allocation.Ledger.ClosingDays;

/// <summary>Pure: which UTC days may be closed at a given time.</summary>
public static class ClosingTime
{
    /// <summary>
    /// How long after a UTC day ends it stays open: usage recorded in its last minutes, still on its way through ingest
    /// and pricing, lands in the hourly rollup only. Usage later than this is added to the closed day's rows.
    /// </summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(10);

    /// <summary>The start of the first day that stays open at <paramref name="now"/>: every day before it can be closed.</summary>
    public static DateTimeOffset OpenFrom(DateTimeOffset now) => Day(now - Grace);

    /// <summary>The UTC midnight starting the day of <paramref name="t"/>.</summary>
    public static DateTimeOffset Day(DateTimeOffset t) => RollupRows.Day(t);
}
