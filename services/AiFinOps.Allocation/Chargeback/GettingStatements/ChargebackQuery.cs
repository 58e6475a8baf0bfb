namespace AiFinOps.Allocation.Chargeback.GettingStatements;

/// <summary>A validated statement request: the billing period, the dimensions per line, JSON or CSV.</summary>
public sealed record ChargebackQuery(Periods.BillingPeriod Period, IReadOnlyList<string> GroupBy, string Format)
{
    public const string Json = "json";
    public const string Csv = "csv";
    public static readonly IReadOnlyList<string> Parameters = ["groupBy", "format"];

    /// <summary>
    /// Pure. <paramref name="groupBy"/>: comma-separated <see cref="Charge.Dimensions"/> (default cost_centre).
    /// <paramref name="format"/> wins over <paramref name="accept"/>; <c>text/csv</c> there asks for CSV. Every other
    /// query parameter is refused, so a misspelt one is never silently ignored. Every problem is reported at once.
    /// </summary>
    public static (ChargebackQuery? Query, Dictionary<string, string[]> Errors) Parse(string? period, string? groupBy, string? format,
        string? accept, IEnumerable<string> parameters)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Periods.BillingPeriod.TryParse(period, out var billingPeriod))
            errors["period"] = [$"'{period}' is not a billing period like 2026-10 (yyyy-MM)"];

        var dimensions = (groupBy ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.ToLowerInvariant()).Distinct().ToList();
        if (dimensions.Count == 0) dimensions = ["cost_centre"];
        if (dimensions.Where(d => !Charge.Dimensions.Contains(d)).ToList() is { Count: > 0 } unknown)
            errors["groupBy"] = [$"{string.Join(", ", unknown.Select(d => $"'{d}'"))} cannot group a statement; use any of: {string.Join(", ", Charge.Dimensions)}"];

        var chosen = string.IsNullOrWhiteSpace(format)
            ? (accept ?? "").Contains("text/csv", StringComparison.OrdinalIgnoreCase) ? Csv : Json
            : format.Trim().ToLowerInvariant();
        if (chosen is not (Json or Csv)) errors["format"] = [$"'{format}' is not a format; use json or csv"];

        foreach (var stray in parameters.Where(p => !Parameters.Contains(p, StringComparer.OrdinalIgnoreCase)))
            errors[stray] = [$"'{stray}' is not a parameter of the statement; use {string.Join(" or ", Parameters)}"];

        return errors.Count > 0 ? (null, errors) : (new ChargebackQuery(billingPeriod, dimensions, chosen), errors);
    }
}
