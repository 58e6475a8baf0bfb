using AiFinOps.ServiceDefaults.Queries;

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
    /// <paramref name="from"/> and <paramref name="to"/> as <see cref="TimeRange"/> reads them, by default this month
    /// so far; every problem with the three parameters is reported at once.
    /// </summary>
    public static (SpendQuery? Query, Dictionary<string, string[]> Errors) Parse(string? from, string? to, string? groupBy, DateTimeOffset now)
    {
        var (range, errors) = TimeRange.Parse(from, to, TimeRange.ThisMonthSoFar(now));

        var dimensions = (groupBy ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.ToLowerInvariant()).Distinct().ToList();
        if (dimensions.Count == 0) dimensions = ["team"];
        if (dimensions.FirstOrDefault(d => !Dimensions.ContainsKey(d)) is { } unknown)
            errors["groupBy"] = [$"'{unknown}' is not a dimension; use any of: {string.Join(", ", Dimensions.Keys)}"];

        return errors.Count > 0 ? (null, errors) : (new SpendQuery(range!.Value.From, range.Value.To, dimensions), errors);
    }
}
