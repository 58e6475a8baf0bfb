using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace AiFinOps.Budgeting.Spend;

/// <summary>A calendar month in UTC, written <c>yyyy-MM</c> (e.g. <c>2026-11</c>): the period spend accrues in.</summary>
public readonly record struct CalendarMonth(int Year, int Month)
{
    public const string Format = "yyyy-MM";

    public static CalendarMonth Of(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        return new CalendarMonth(utc.Year, utc.Month);
    }

    /// <summary>Months of 2000 to 2999 only: every boundary stays computable (9999-12 has no next month) and no AI
    /// usage predates 2000 — the billing periods allocation accepts.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out CalendarMonth? month)
    {
        month = DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                && parsed.Year is >= 2000 and <= 2999
            ? new CalendarMonth(parsed.Year, parsed.Month)
            : null;
        return month is not null;
    }

    public override string ToString() => $"{Year:D4}-{Month:D2}";
}
