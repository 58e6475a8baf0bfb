using AiFinOps.Anomaly.Calls;

namespace AiFinOps.Anomaly.Watching;

/// <summary>What a batch adds to one run.</summary>
public sealed record RunDelta(
    string Workflow, string Team, string RunKey, long Calls, long InputTokens, long OutputTokens, long UnpricedCalls,
    decimal EffectiveCostUsd, DateTimeOffset FirstAt, DateTimeOffset LastAt)
{
    /// <summary>The calls summed per run, in key order (the order rows are locked in).</summary>
    public static IReadOnlyList<RunDelta> Of(IEnumerable<ObservedCall> calls) =>
        calls.GroupBy(c => (c.Workflow, c.Team, c.RunKey))
            .Select(g => new RunDelta(g.Key.Workflow, g.Key.Team, g.Key.RunKey, g.LongCount(), g.Sum(c => c.InputTokens),
                g.Sum(c => c.OutputTokens), g.LongCount(c => !c.Priced), g.Sum(c => c.EffectiveCostUsd),
                g.Min(c => c.OccurredAt), g.Max(c => c.OccurredAt)))
            .OrderBy(r => r.Workflow, StringComparer.Ordinal).ThenBy(r => r.Team, StringComparer.Ordinal)
            .ThenBy(r => r.RunKey, StringComparer.Ordinal)
            .ToList();
}

/// <summary>What a batch adds to a workflow × hour × team (runs: runs that started with this batch).</summary>
public sealed record HourlyDelta(string Workflow, DateTimeOffset Hour, string Team, long Calls, long Runs, long InputTokens,
    long OutputTokens, decimal EffectiveCostUsd);

/// <summary>What a batch adds to a workflow × month.</summary>
public sealed record MonthlyDelta(string Workflow, string Month, long Calls, decimal EffectiveCostUsd);
