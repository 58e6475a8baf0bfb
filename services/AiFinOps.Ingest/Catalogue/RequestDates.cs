using System.Globalization;

namespace AiFinOps.Ingest.Catalogue;

/// <summary>Dates in request bodies, read as text so a malformed one is refused with its field, not a bare 400.</summary>
public static class RequestDates
{
    /// <summary>Null text is a missing date (null day, no refusal); the decision says whether it is required.</summary>
    public static (DateOnly? Day, Refusal? Refusal) Parse(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return (null, null);
        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? (day, null)
            : (null, Refusal.Invalid(field, $"'{text}' is not a date like 2026-01-31"));
    }
}
