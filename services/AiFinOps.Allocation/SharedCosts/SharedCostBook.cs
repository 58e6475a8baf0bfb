using AiFinOps.Contracts.Messages;

namespace AiFinOps.Allocation.SharedCosts;

/// <summary>
/// Pure: which sharing rule applies to a day's spend (a workflow's rule before its team's), and who bears it with
/// which weight.
/// </summary>
public sealed class SharedCostBook
{
    private readonly Dictionary<(string Dimension, string Value), SharedCostSource> sources;

    public SharedCostBook(IEnumerable<SharedCostSource> sources) =>
        this.sources = sources.ToDictionary(s => (s.Dimension, s.Value));

    public static SharedCostBook None { get; } = new([]);

    public SharedCostRule? For(string workflow, string team, DateOnly day) => On("workflow", workflow, day) ?? On("team", team, day);

    /// <summary>
    /// The consumers (sorted, so splits are reproducible) and their weights. <paramref name="ownSpend"/>: each team's
    /// effective cost in the period outside every shared cost. Without listed consumers, every team with spend of its
    /// own bears a share (not a shared team itself, not untagged spend). Proportional weights are that own spend
    /// (negative corrections count as none); when no consumer has any, the split is even. No consumer at all: empty.
    /// </summary>
    public static (IReadOnlyList<string> Teams, IReadOnlyList<decimal> Weights) Consumers(SharedCostRule rule,
        IReadOnlyDictionary<string, decimal> ownSpend)
    {
        var listed = rule.Consumers.OrderBy(c => c.Team, StringComparer.Ordinal).ToList();
        var teams = listed.Count > 0
            ? listed.Select(c => c.Team).ToList()
            : ownSpend.Keys
                .Where(t => t != UsageDimensions.Untagged && !(rule.SourceDimension == "team" && t == rule.SourceValue))
                .Order(StringComparer.Ordinal).ToList();
        if (teams.Count == 0) return ([], []);

        IReadOnlyList<decimal> weights = rule.Method switch
        {
            SplitMethods.Fixed => [.. listed.Select(c => c.Percent ?? 0m)],
            SplitMethods.Proportional => [.. teams.Select(t => Math.Max(0m, ownSpend.GetValueOrDefault(t)))],
            _ => [.. teams.Select(_ => 1m)],
        };
        return weights.Sum() > 0 ? (teams, weights) : (teams, [.. teams.Select(_ => 1m)]);
    }

    private SharedCostRule? On(string dimension, string value, DateOnly day) =>
        sources.TryGetValue((dimension, value), out var source) ? source.On(day) : null;
}
