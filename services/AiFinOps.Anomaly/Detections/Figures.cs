using System.Globalization;

namespace AiFinOps.Anomaly.Detections;

/// <summary>Numbers as the explanations and facts write them: invariant culture, thousands separated, dollars to the cent.</summary>
public static class Figures
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Count(long value) => value.ToString("N0", Invariant);

    public static string Count(decimal value) => value.ToString("#,##0.#", Invariant);

    public static string Usd(decimal value) => "$" + value.ToString("#,##0.00", Invariant);

    public static string Ratio(decimal value) => value.ToString("0.0#", Invariant) + "×";

    public static string Percent(decimal share) => (share * 100m).ToString("0", Invariant) + " %";

    public static string Fact(decimal value) => value.ToString(Invariant);

    public static string Fact(long value) => value.ToString(Invariant);

    public static string Fact(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Invariant);

    public static string Hour(DateTimeOffset hour) => hour.UtcDateTime.ToString("yyyy-MM-dd'T'HH", Invariant);

    public static string Month(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", Invariant);

    public static DateTimeOffset HourOf(DateTimeOffset t)
    {
        var u = t.UtcDateTime;
        return new DateTimeOffset(u.Year, u.Month, u.Day, u.Hour, 0, 0, TimeSpan.Zero);
    }

    public static DateTimeOffset MonthStart(DateTimeOffset t)
    {
        var u = t.UtcDateTime;
        return new DateTimeOffset(u.Year, u.Month, 1, 0, 0, 0, TimeSpan.Zero);
    }
}
