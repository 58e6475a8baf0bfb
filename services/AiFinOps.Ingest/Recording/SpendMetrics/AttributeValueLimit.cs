namespace AiFinOps.Ingest.Recording.SpendMetrics;

/// <summary>
/// Bounds the distinct values one metric attribute may take in this process: the first <see cref="Limit"/> distinct
/// values pass as they are, every later one is folded into <see cref="Other"/>. A value once admitted stays admitted,
/// so a team's series never changes name mid-run. Deterministic, no I/O: the whole rule is <see cref="Fold"/>.
/// </summary>
public sealed class AttributeValueLimit
{
    /// <summary>What a value beyond the limit is reported as.</summary>
    public const string Other = "(other)";

    private readonly HashSet<string> admitted = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    // Readers check the published snapshot without a lock; only a value not seen yet takes the lock.
    private volatile HashSet<string> snapshot = new(StringComparer.Ordinal);

    public AttributeValueLimit(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        Limit = limit;
    }

    public int Limit { get; }

    /// <summary>The value as the metric reports it: itself while admitted or room remains, otherwise <see cref="Other"/>.</summary>
    public string Fold(string value)
    {
        if (snapshot.Contains(value)) return value;
        lock (gate)
        {
            if (admitted.Contains(value)) return value;
            if (admitted.Count >= Limit) return Other;
            admitted.Add(value);
            snapshot = new HashSet<string>(admitted, StringComparer.Ordinal);
            return value;
        }
    }
}
