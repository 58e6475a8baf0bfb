using System.Globalization;

namespace AiFinOps.Allocation.Spend.GettingSpend;

/// <summary>A validated spend question: a half-open UTC range and the dimensions to group by.</summary>
public sealed record SpendQuery(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<string> GroupBy)
{
    /// <summary>Dimensions a caller may group by, with the ledger document field behind each.</summary>
    public static readonly IReadOnlyDictionary<string, string> Dimensions = new Dictionary<string, string>
    {
        ["team"] = "team",
        ["workflow"] = "workflow",
        ["environment"] = "environment",
        ["provider"] = "provider",
        ["model"] = "model",
        ["service_tier"] = "serviceTier",
    };

    /// <summary>
    /// <paramref name="from"/> and <paramref name="to"/> are ISO 8601 dates (<c>2026-11-01</c>, whole UTC days, both
    /// included) or UTC instants (<c>2026-11-01T12:00:00Z</c>, <c>to</c> excluded). Defaults: this month so far.
    /// </summary>
    public static (SpendQuery? Query, Dictionary<string, string[]> Errors) Parse(string? from, string? to, string? groupBy, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        var monthStart = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var start = Bound(from, "from", isEnd: false, monthStart, errors);
        var end = Bound(to, "to", isEnd: true, now, errors);
        if (errors.Count == 0 && start >= end) errors["to"] = [$"'to' ({end:O}) must be after 'from' ({start:O})"];

        var dimensions = (groupBy ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.ToLowerInvariant()).Distinct().ToList();
        if (dimensions.Count == 0) dimensions = ["team"];
        if (dimensions.FirstOrDefault(d => !Dimensions.ContainsKey(d)) is { } unknown)
            errors["groupBy"] = [$"'{unknown}' is not a dimension; use any of: {string.Join(", ", Dimensions.Keys)}"];

        return errors.Count > 0 ? (null, errors) : (new SpendQuery(start, end, dimensions), errors);
    }

    private static DateTimeOffset Bound(string? value, string name, bool isEnd, DateTimeOffset fallback, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return fallback;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var midnight = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return isEnd ? midnight.AddDays(1) : midnight;
        }
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var instant)
            && (value.EndsWith('Z') || value.EndsWith("z") || value.Contains('+') || value.LastIndexOf('-') > 9))
        {
            return instant.ToUniversalTime();
        }
        errors[name] = [$"'{value}' is neither an ISO 8601 date (2026-11-01) nor a UTC instant with offset (2026-11-01T00:00:00Z)"];
        return fallback;
    }
}
