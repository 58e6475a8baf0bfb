using AiFinOps.Reporting.Sources;

namespace AiFinOps.Reporting.Monthly;

/// <summary>Pure arithmetic every report shares: sums by dimension, shares, changes, per-unit costs.</summary>
public static class Breakdowns
{
    /// <summary>The names of a dimension with their cost now and before, largest first, then by name.</summary>
    public static IReadOnlyList<SpendBreakdown> By(IEnumerable<SpendRow> now, IEnumerable<SpendRow> before, Func<SpendRow, string> name) =>
        Of(now.GroupBy(name).Select(g => (g.Key, g.Sum(r => r.EffectiveCostUsd), g.Sum(r => r.Events))),
            before.GroupBy(name).ToDictionary(g => g.Key, g => g.Sum(r => r.EffectiveCostUsd)));

    public static IReadOnlyList<SpendBreakdown> Of(IEnumerable<(string Name, decimal CostUsd, long Events)> now, IReadOnlyDictionary<string, decimal> before)
    {
        var lines = now.ToList();
        var total = lines.Sum(l => l.CostUsd);
        var names = lines.Select(l => l.Name).ToHashSet();
        return lines
            .Select(l => Line(l.Name, l.CostUsd, l.Events, total, before.GetValueOrDefault(l.Name)))
            .Concat(before.Where(b => !names.Contains(b.Key) && b.Value != 0).Select(b => Line(b.Key, 0, 0, total, b.Value)))
            .OrderByDescending(l => l.CostUsd).ThenByDescending(l => l.PreviousCostUsd).ThenBy(l => l.Name, StringComparer.Ordinal)
            .ToList();
    }

    public static decimal? Percent(decimal part, decimal whole) => whole == 0 ? null : Math.Round(part / whole * 100m, 2);

    public static decimal? Change(decimal now, decimal before) => before == 0 ? null : Math.Round((now - before) / before * 100m, 2);

    public static decimal? PerUnit(decimal cost, double units) => units <= 0 ? null : Math.Round(cost / (decimal)units, 6);

    private static SpendBreakdown Line(string name, decimal cost, long events, decimal total, decimal before) =>
        new(name, cost, Percent(cost, total) ?? 0, before, cost - before, Change(cost, before), events);
}
