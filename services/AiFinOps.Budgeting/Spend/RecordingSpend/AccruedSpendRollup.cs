namespace AiFinOps.Budgeting.Spend.RecordingSpend;

/// <summary>What a batch of new usage adds to one <c>accrued_spend</c> row: one calendar month and set of dimensions.</summary>
public sealed record AccruedSpendDelta(
    DateOnly Month,
    string Team,
    string Workflow,
    string Environment,
    string Provider,
    string Model,
    bool Priced,
    IReadOnlyDictionary<string, string> Tags,
    decimal ListCostUsd,
    decimal EffectiveCostUsd,
    decimal BilledCostUsd,
    long Events);

/// <summary>
/// Pure: new usages summed per UTC calendar month and dimensions, so accrual writes a row per distinct combination
/// (a few per batch) instead of one per event. Tags are compared as sets of key-value pairs, as jsonb compares them.
/// </summary>
public static class AccruedSpendRollup
{
    public static IReadOnlyList<AccruedSpendDelta> Of(IReadOnlyList<AccruedUsage> usages)
    {
        var sums = new Dictionary<Key, AccruedSpendDelta>();
        foreach (var usage in usages)
        {
            var utc = usage.OccurredAt.UtcDateTime;
            var key = new Key(new DateOnly(utc.Year, utc.Month, 1), usage.Team, usage.Workflow, usage.Environment, usage.Provider,
                usage.Model, usage.Priced, new Tags(usage.Tags));
            sums[key] = sums.TryGetValue(key, out var sum)
                ? sum with
                {
                    ListCostUsd = sum.ListCostUsd + usage.ListCostUsd,
                    EffectiveCostUsd = sum.EffectiveCostUsd + usage.EffectiveCostUsd,
                    BilledCostUsd = sum.BilledCostUsd + (usage.BilledCostUsd ?? 0m),
                    Events = sum.Events + usage.Events,
                }
                : new AccruedSpendDelta(key.Month, usage.Team, usage.Workflow, usage.Environment, usage.Provider, usage.Model,
                    usage.Priced, usage.Tags, usage.ListCostUsd, usage.EffectiveCostUsd, usage.BilledCostUsd ?? 0m, usage.Events);
        }
        return [.. sums.Values];
    }

    private readonly record struct Key(DateOnly Month, string Team, string Workflow, string Environment, string Provider, string Model,
        bool Priced, Tags Tags);

    /// <summary>A usage's tags with set equality (the same pairs in any order are equal).</summary>
    private readonly struct Tags(IReadOnlyDictionary<string, string> pairs) : IEquatable<Tags>
    {
        private readonly IReadOnlyDictionary<string, string> pairs = pairs;

        public bool Equals(Tags other) =>
            ReferenceEquals(pairs, other.pairs)
            || (pairs.Count == other.pairs.Count
                && pairs.All(p => other.pairs.TryGetValue(p.Key, out var value) && string.Equals(value, p.Value, StringComparison.Ordinal)));

        public override bool Equals(object? obj) => obj is Tags other && Equals(other);

        // Order-independent: the sum of each pair's hash.
        public override int GetHashCode()
        {
            var hash = pairs.Count;
            foreach (var (key, value) in pairs) hash += HashCode.Combine(StringComparer.Ordinal.GetHashCode(key), StringComparer.Ordinal.GetHashCode(value));
            return hash;
        }
    }
}
