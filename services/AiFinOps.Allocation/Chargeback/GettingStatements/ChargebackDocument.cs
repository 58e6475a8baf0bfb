namespace AiFinOps.Allocation.Chargeback.GettingStatements;

/// <summary>
/// The statement as JSON: its heading, then each line flat — its dimension values under camelCase names
/// (<c>costCentre</c>, <c>team</c>…), <c>chargeClass</c>, <c>sharedFrom</c> (null for direct spend) and the figures.
/// </summary>
public sealed record ChargebackDocument(
    string Period,
    string TimeZone,
    DateTimeOffset From,
    DateTimeOffset To,
    string Status,
    DateTimeOffset? ClosedAt,
    string? ClosedBy,
    DateTimeOffset? FrozenAt,
    IReadOnlyList<string> GroupBy,
    IReadOnlyList<string> Teams,
    IReadOnlyList<IReadOnlyDictionary<string, object?>> Lines,
    IReadOnlyDictionary<string, ChargeAmounts> ByChargeClass,
    ChargeAmounts Totals)
{
    public static ChargebackDocument Of(ChargebackStatement s)
    {
        var h = s.Heading;
        var lines = s.Lines.Select(line =>
        {
            var row = new Dictionary<string, object?>();
            for (var i = 0; i < s.GroupBy.Count; i++) row[Camel(s.GroupBy[i])] = line.Dimensions[i];
            row["chargeClass"] = line.ChargeClass;
            row["sharedFrom"] = line.SharedFrom;
            var a = line.Amounts;
            row["listCostUsd"] = a.ListCostUsd;
            row["effectiveCostUsd"] = a.EffectiveCostUsd;
            row["billedCostUsd"] = a.BilledCostUsd;
            row["events"] = a.Events;
            row["unpricedEvents"] = a.UnpricedEvents;
            row["inputTokens"] = a.InputTokens;
            row["outputTokens"] = a.OutputTokens;
            row["cacheReadTokens"] = a.CacheReadTokens;
            row["cacheWriteTokens"] = a.CacheWriteTokens;
            row["reasoningTokens"] = a.ReasoningTokens;
            return (IReadOnlyDictionary<string, object?>)row;
        }).ToList();
        return new ChargebackDocument(h.Period, h.TimeZone, h.From, h.To, h.Status, h.ClosedAt, h.ClosedBy, h.FrozenAt,
            s.GroupBy, s.Teams, lines, s.ByChargeClass, s.Totals);
    }

    /// <summary>cost_centre → costCentre.</summary>
    public static string Camel(string dimension)
    {
        var parts = dimension.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
