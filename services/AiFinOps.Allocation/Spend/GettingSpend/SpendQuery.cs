using AiFinOps.ServiceDefaults.Queries;

namespace AiFinOps.Allocation.Spend.GettingSpend;

/// <summary>
/// A validated spend question: a half-open UTC range, the dimensions to group by, exact-match filters (each a set of
/// accepted values) and an optional time granularity (UTC day, ISO week or month).
/// </summary>
public sealed record SpendQuery(
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<string> GroupBy,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Filters,
    string? Granularity)
{
    /// <summary>The built-in dimensions, with the rollup column behind each.</summary>
    public static readonly IReadOnlyDictionary<string, string> BuiltIn = new Dictionary<string, string>
    {
        ["team"] = "team",
        ["workflow"] = "workflow",
        ["environment"] = "environment",
        ["provider"] = "provider",
        ["model"] = "model",
        ["service_tier"] = "service_tier",
        ["cost_centre_tag"] = "cost_centre_tag",
        ["billing_period"] = "billing_period",
        ["charge_class"] = "charge_class",
    };

    public static readonly IReadOnlyList<string> Granularities = ["day", "week", "month"];

    /// <summary>The query parameters that are not filters.</summary>
    public static readonly IReadOnlyList<string> Parameters = ["from", "to", "groupBy", "granularity"];

    /// <summary>Every dimension a caller may group or filter by: the built-in ones and the configured extra tag keys.</summary>
    public static IReadOnlyList<string> DimensionsWith(IReadOnlyList<string> extra) => [.. BuiltIn.Keys, .. extra];

    /// <summary>
    /// <paramref name="from"/> and <paramref name="to"/> as <see cref="TimeRange"/> reads them, by default this month
    /// so far; <paramref name="filters"/> are the other query parameters, each named like a dimension (comma-separated values).
    /// Every problem is reported at once.
    /// </summary>
    public static (SpendQuery? Query, Dictionary<string, string[]> Errors) Parse(string? from, string? to, string? groupBy,
        string? granularity, IEnumerable<KeyValuePair<string, string?>> filters, IReadOnlyList<string> extraDimensions, DateTimeOffset now)
    {
        var (range, errors) = TimeRange.Parse(from, to, TimeRange.ThisMonthSoFar(now));
        var dimensions = DimensionsWith(extraDimensions);

        var groups = Split(groupBy).Select(d => d.ToLowerInvariant()).Distinct().ToList();
        if (groups.Count == 0) groups = ["team"];
        if (groups.FirstOrDefault(d => !dimensions.Contains(d)) is { } unknown)
            errors["groupBy"] = [$"'{unknown}' is not a dimension; use any of: {string.Join(", ", dimensions)}"];

        var grain = string.IsNullOrWhiteSpace(granularity) ? null : granularity.Trim().ToLowerInvariant();
        if (grain is not null && !Granularities.Contains(grain))
            errors["granularity"] = [$"'{granularity}' is not a granularity; use day, week or month"];

        var given = filters.Where(f => !Parameters.Contains(f.Key, StringComparer.OrdinalIgnoreCase)).ToList();
        foreach (var unknownFilter in given.Where(f => !dimensions.Contains(f.Key)))
            errors[unknownFilter.Key] = [$"'{unknownFilter.Key}' is neither a parameter ({string.Join(", ", Parameters)}) nor a dimension to filter by ({string.Join(", ", dimensions)})"];
        var chosen = given
            .Where(f => dimensions.Contains(f.Key) && !string.IsNullOrWhiteSpace(f.Value))
            .ToDictionary(f => f.Key, f => (IReadOnlyList<string>)Split(f.Value).ToList());

        return errors.Count > 0 ? (null, errors) : (new SpendQuery(range!.Value.From, range.Value.To, groups, chosen, grain), errors);
    }

    private static string[] Split(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
