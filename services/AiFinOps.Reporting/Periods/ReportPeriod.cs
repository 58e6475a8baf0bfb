using System.Globalization;
using System.Text.RegularExpressions;

namespace AiFinOps.Reporting.Periods;

/// <summary>
/// The UTC calendar period a report covers: a month (<c>2026-10</c>) or a quarter (<c>2026-Q3</c>), as the half-open
/// range [<see cref="From"/>, <see cref="To"/>) that allocation's spend API and budgeting read the same way.
/// </summary>
public sealed partial record ReportPeriod(string Key, DateTimeOffset From, DateTimeOffset To)
{
    public bool IsQuarter => Key.Contains('Q');

    public static ReportPeriod Month(int year, int month)
    {
        var from = new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero);
        return new($"{year:D4}-{month:D2}", from, from.AddMonths(1));
    }

    public static ReportPeriod Quarter(int year, int quarter)
    {
        var from = new DateTimeOffset(year, (quarter - 1) * 3 + 1, 1, 0, 0, 0, TimeSpan.Zero);
        return new($"{year:D4}-Q{quarter}", from, from.AddMonths(3));
    }

    /// <summary>The month before the one <paramref name="now"/> is in: what the job on the 1st reports.</summary>
    public static ReportPeriod MonthBefore(DateTimeOffset now) => MonthOf(now.ToUniversalTime().AddMonths(-1));

    /// <summary>The quarter before the one <paramref name="now"/> is in: what the job on the quarter's first day packs.</summary>
    public static ReportPeriod QuarterBefore(DateTimeOffset now) => QuarterOf(now.ToUniversalTime().AddMonths(-3));

    public static ReportPeriod MonthOf(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return Month(utc.Year, utc.Month);
    }

    public static ReportPeriod QuarterOf(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return Quarter(utc.Year, (utc.Month - 1) / 3 + 1);
    }

    public ReportPeriod Previous => IsQuarter ? QuarterOf(From.AddMonths(-3)) : MonthOf(From.AddMonths(-1));

    /// <summary>The months of the period, in order (one for a month).</summary>
    public IReadOnlyList<ReportPeriod> Months =>
        IsQuarter ? [MonthOf(From), MonthOf(From.AddMonths(1)), MonthOf(From.AddMonths(2))] : [this];

    /// <summary>A month written <c>yyyy-MM</c> (2000 to 2999), or null with the reason.</summary>
    public static ReportPeriod? ParseMonth(string? text, out string? reason)
    {
        reason = null;
        if (text is not null && MonthPattern().IsMatch(text))
            return Month(int.Parse(text[..4], CultureInfo.InvariantCulture), int.Parse(text[5..], CultureInfo.InvariantCulture));
        reason = $"'{text}' is not a month; write yyyy-MM, e.g. 2026-10";
        return null;
    }

    /// <summary>A quarter written <c>yyyy-Qn</c>, or null with the reason.</summary>
    public static ReportPeriod? ParseQuarter(string? text, out string? reason)
    {
        reason = null;
        if (text is not null && QuarterPattern().IsMatch(text))
            return Quarter(int.Parse(text[..4], CultureInfo.InvariantCulture), text[6] - '0');
        reason = $"'{text}' is not a quarter; write yyyy-Qn, e.g. 2026-Q3";
        return null;
    }

    /// <summary>The UTC instant as the other services' <c>from</c>/<c>to</c> parameters read it.</summary>
    public static string Instant(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public override string ToString() => Key;

    [GeneratedRegex(@"^2\d{3}-(0[1-9]|1[0-2])$")]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@"^2\d{3}-Q[1-4]$")]
    private static partial Regex QuarterPattern();
}
