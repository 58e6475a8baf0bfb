using System.Globalization;
using AiFinOps.Contracts.Messages;

namespace AiFinOps.Allocation.Rules;

/// <summary>
/// Pure checks of the fields rule commands share. Each adds its problem to <c>errors</c> under the request field's
/// name, so a command is refused with every bad field at once.
/// </summary>
public static class RuleInput
{
    public const int MaxNameLength = 256;

    /// <summary>Lines the statement makes itself: no rule may name a cost centre or a team like them.</summary>
    public static readonly IReadOnlyList<string> ReservedNames = [CostCentres.CostCentreNames.Unassigned, UsageDimensions.Untagged];

    /// <summary>A required name, trimmed: not blank, not too long, no control characters.</summary>
    public static string? Name(string? text, string field, Dictionary<string, string[]> errors)
    {
        var name = text?.Trim();
        if (string.IsNullOrEmpty(name)) return Add(errors, field, "is required and must not be blank");
        if (name.Length > MaxNameLength) return Add(errors, field, $"is {name.Length} characters long; at most {MaxNameLength} are allowed");
        if (name.Any(char.IsControl)) return Add(errors, field, "must not contain control characters (tabs, line breaks…)");
        return name;
    }

    /// <summary>A required day written yyyy-MM-dd.</summary>
    public static DateOnly? Day(string? text, string field, Dictionary<string, string[]> errors, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(text)) return required ? Add<DateOnly>(errors, field, "is required: a day like 2026-01-01") : null;
        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : Add<DateOnly>(errors, field, $"'{text}' is not a day like 2026-01-31");
    }

    /// <summary>Effective dates from their two fields: the end, when given, after the start.</summary>
    public static EffectiveDates? Dates(string? from, string? to, Dictionary<string, string[]> errors)
    {
        var start = Day(from, "effectiveFrom", errors);
        var end = Day(to, "effectiveTo", errors, required: false);
        if (start is null || (to is not null && !string.IsNullOrWhiteSpace(to) && end is null)) return null;
        if (end is { } e && e <= start)
        {
            Add(errors, "effectiveTo", $"{e:yyyy-MM-dd} must be after effectiveFrom ({start:yyyy-MM-dd}); effectiveTo is the first day the rule no longer applies");
            return null;
        }
        return new EffectiveDates(start.Value, end);
    }

    public static string? Add(Dictionary<string, string[]> errors, string field, string reason)
    {
        errors[field] = errors.TryGetValue(field, out var known) ? [.. known, reason] : [reason];
        return null;
    }

    private static T? Add<T>(Dictionary<string, string[]> errors, string field, string reason) where T : struct
    {
        Add(errors, field, reason);
        return null;
    }
}
