using System.Runtime.InteropServices;

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
        // Summed in place (one lookup per usage, no record per usage); the deltas are made once per row at the end.
        var sums = new Dictionary<Key, Sum>();
        foreach (var usage in usages)
        {
            var utc = usage.OccurredAt.UtcDateTime;
            var key = new Key(new DateOnly(utc.Year, utc.Month, 1), usage.Team, usage.Workflow, usage.Environment, usage.Provider,
                usage.Model, usage.Priced, new Tags(usage.Tags));
            ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(sums, key, out var exists);
            if (!exists) sum.First = usage;
            sum.ListCostUsd += usage.ListCostUsd;
            sum.EffectiveCostUsd += usage.EffectiveCostUsd;
            sum.BilledCostUsd += usage.BilledCostUsd ?? 0m;
            sum.Events += usage.Events;
        }
        var deltas = new List<AccruedSpendDelta>(sums.Count);
        foreach (var (key, sum) in sums)
        {
            var first = sum.First!;
            deltas.Add(new AccruedSpendDelta(key.Month, first.Team, first.Workflow, first.Environment, first.Provider, first.Model,
                first.Priced, first.Tags, sum.ListCostUsd, sum.EffectiveCostUsd, sum.BilledCostUsd, sum.Events));
        }
        return deltas;
    }

    /// <summary>One row's running sums, and the first usage of it (whose dimensions the row takes).</summary>
    private struct Sum
    {
        public AccruedUsage? First;
        public decimal ListCostUsd, EffectiveCostUsd, BilledCostUsd;
        public long Events;
    }

    private readonly record struct Key(DateOnly Month, string Team, string Workflow, string Environment, string Provider, string Model,
        bool Priced, Tags Tags);

    /// <summary>A usage's tags with set equality (the same pairs in any order are equal).</summary>
    private readonly struct Tags(IReadOnlyDictionary<string, string> pairs) : IEquatable<Tags>
    {
        private readonly IReadOnlyDictionary<string, string> pairs = pairs;

        // Decoded usages of a batch share one dictionary per distinct tag set, so the reference test settles most comparisons.
        public bool Equals(Tags other)
        {
            if (ReferenceEquals(pairs, other.pairs)) return true;
            if (pairs.Count != other.pairs.Count) return false;
            foreach (var (key, value) in Pairs(pairs))
            {
                if (!other.pairs.TryGetValue(key, out var otherValue) || !string.Equals(value, otherValue, StringComparison.Ordinal)) return false;
            }
            return true;
        }

        public override bool Equals(object? obj) => obj is Tags other && Equals(other);

        // Order-independent: the sum of each pair's hash.
        public override int GetHashCode()
        {
            var hash = pairs.Count;
            foreach (var (key, value) in Pairs(pairs)) hash += HashCode.Combine(StringComparer.Ordinal.GetHashCode(key), StringComparer.Ordinal.GetHashCode(value));
            return hash;
        }

        /// <summary>The pairs through the dictionary's own (struct) enumerator when it is one, without boxing.</summary>
        private static Dictionary<string, string> Pairs(IReadOnlyDictionary<string, string> pairs) =>
            pairs as Dictionary<string, string> ?? new Dictionary<string, string>(pairs, StringComparer.Ordinal);
    }
}
