namespace AiFinOps.Budgeting.Budgets;

/// <summary>
/// The calendar periods budgets run over, in UTC for now: a month (<c>2026-11</c>) or a quarter (<c>2026-Q4</c>).
/// Spend counts in the period of the call's <c>occurred_at</c>.
/// </summary>
public static class BudgetPeriods
{
    public const string Monthly = "monthly";
    public const string Quarterly = "quarterly";

    public static readonly IReadOnlyList<string> Kinds = [Monthly, Quarterly];

    public static string KeyOf(string kind, DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        return kind == Quarterly ? $"{utc.Year:D4}-Q{(utc.Month - 1) / 3 + 1}" : $"{utc.Year:D4}-{utc.Month:D2}";
    }

    /// <summary>The half-open UTC range [start, end) of a period key.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) RangeOf(string key)
    {
        var year = int.Parse(key[..4], System.Globalization.CultureInfo.InvariantCulture);
        if (key[5] == 'Q')
        {
            var start = new DateTimeOffset(year, (key[6] - '1') * 3 + 1, 1, 0, 0, 0, TimeSpan.Zero);
            return (start, start.AddMonths(3));
        }
        var month = new DateTimeOffset(year, int.Parse(key[5..7], System.Globalization.CultureInfo.InvariantCulture), 1, 0, 0, 0, TimeSpan.Zero);
        return (month, month.AddMonths(1));
    }

    /// <summary>Whether <paramref name="key"/> is a well-formed period of this kind.</summary>
    public static bool IsKey(string kind, string? key)
    {
        if (key is null) return false;
        var pattern = kind == Quarterly ? @"^\d{4}-Q[1-4]$" : @"^\d{4}-(0[1-9]|1[0-2])$";
        return System.Text.RegularExpressions.Regex.IsMatch(key, pattern);
    }

    /// <summary>Whole or started days from <paramref name="now"/> to the end of the period (0 once it has ended).</summary>
    public static int DaysLeft(string key, DateTimeOffset now)
    {
        var (_, end) = RangeOf(key);
        return end <= now ? 0 : (int)Math.Ceiling((end - now).TotalDays);
    }
}
