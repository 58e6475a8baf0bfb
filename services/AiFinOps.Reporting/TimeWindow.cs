using System.Globalization;

namespace AiFinOps.Reporting;

/// <summary>
/// The <c>[from, to)</c> window a read covers. Each bound is an ISO 8601 date (midnight UTC) or date-time (UTC
/// unless it carries an offset); <c>to</c> defaults to now and <c>from</c> to seven days before <c>to</c>.
/// </summary>
public readonly record struct TimeWindow(DateTimeOffset From, DateTimeOffset To)
{
    public static readonly TimeSpan DefaultLength = TimeSpan.FromDays(7);

    private static readonly string[] Formats =
        ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    /// <summary>The window, or the problems with it keyed by query parameter.</summary>
    public static (TimeWindow? Window, Dictionary<string, string[]> Errors) Parse(string? from, string? to, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        var end = Instant(nameof(to), to, errors) ?? now;
        var start = Instant(nameof(from), from, errors) ?? end - DefaultLength;
        if (errors.Count == 0 && start >= end) errors[nameof(from)] = ["'from' must be before 'to'."];
        return (errors.Count == 0 ? new TimeWindow(start, end) : null, errors);
    }

    private static DateTimeOffset? Instant(string name, string? text, Dictionary<string, string[]> errors)
    {
        if (text is null) return null;
        if (DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return instant;
        }
        errors[name] = [$"'{text}' is not an ISO 8601 date or date-time, e.g. 2026-11-01 or 2026-11-01T09:30:00Z."];
        return null;
    }
}
