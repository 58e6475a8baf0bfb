using System.Globalization;

namespace AiFinOps.ServiceDefaults.Queries;

/// <summary>
/// The half-open UTC range <c>[From, To)</c> a read covers, from its <c>from</c> and <c>to</c> query parameters. Each is
/// an ISO 8601 date (<c>2026-11-01</c>: whole UTC days, both included, so <c>to=2026-11-30</c> covers all of that day)
/// or a UTC instant with an offset (<c>2026-11-01T12:00:00Z</c>: <c>to</c> excluded). A missing or blank bound takes
/// the caller's default.
/// </summary>
public readonly record struct TimeRange(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>The words every read's description uses for <c>from</c> and <c>to</c>.</summary>
    public static string Describe(string byDefault) =>
        "from/to: ISO 8601 dates (2026-11-01: whole UTC days, both included, so to=2026-11-30 covers that whole day) " +
        $"or UTC instants with an offset (2026-11-01T12:00:00Z: to excluded); default {byDefault}.";

    public static TimeRange ThisMonthSoFar(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        return new TimeRange(new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero), utc);
    }

    public static TimeRange LastDays(int days, DateTimeOffset now) => new(now.AddDays(-days), now);

    /// <summary>The range, or the problems with it keyed by parameter name (for <c>Results.ValidationProblem</c>).</summary>
    public static (TimeRange? Range, Dictionary<string, string[]> Errors) Parse(string? from, string? to, TimeRange byDefault)
    {
        var errors = new Dictionary<string, string[]>();
        var start = Bound(nameof(from), from, isEnd: false, errors) ?? byDefault.From;
        var end = Bound(nameof(to), to, isEnd: true, errors) ?? byDefault.To;
        if (errors.Count == 0 && start >= end) errors[nameof(to)] = [$"'to' ({end:O}) must be after 'from' ({start:O})"];
        return (errors.Count == 0 ? new TimeRange(start, end) : null, errors);
    }

    private static DateTimeOffset? Bound(string name, string? text, bool isEnd, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var midnight = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            if (!isEnd) return midnight;
            return day == DateOnly.MaxValue ? DateTimeOffset.MaxValue : midnight.AddDays(1);
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var instant)
            && HasOffset(text))
        {
            return instant.ToUniversalTime();
        }
        errors[name] = [$"'{text}' is neither an ISO 8601 date (2026-11-01) nor a UTC instant with offset (2026-11-01T00:00:00Z)"];
        return null;
    }

    /// <summary>Z, or a sign after the date's own dashes. Without one an instant would be read in the server's zone.</summary>
    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || text.Contains('+') || text.LastIndexOf('-') >= "yyyy-MM-dd".Length;
}
