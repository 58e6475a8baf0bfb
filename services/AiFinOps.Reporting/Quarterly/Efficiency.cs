using AiFinOps.Reporting.Monthly;
using AiFinOps.Reporting.Sources;
using AiFinOps.Reporting.Usage;

namespace AiFinOps.Reporting.Quarterly;

/// <summary>Pure: the efficiency question of a workflow from its per-call profile, its spend per model and month, and the catalogue.</summary>
public static class Efficiency
{
    /// <summary>Caches expire and prompts drift: of the calls that repeat a prompt, this share is assumed to hit.</summary>
    public const decimal RealisticHitShare = 0.8m;

    /// <summary>Output per call this many times its first month's is flagged.</summary>
    public const decimal OutputGrowthFlag = 1.5m;

    /// <summary>Input per call this many times its first month's makes a compression candidate.</summary>
    public const decimal PromptGrowthFlag = 1.2m;

    public static EfficiencyAnswer Of(CallProfile? profile, IReadOnlyList<SpendRow> spend, IReadOnlyList<ModelRates> catalogue)
    {
        var rates = catalogue.ToDictionary(r => r.Key, StringComparer.Ordinal);
        var input = spend.Sum(r => r.InputTokens);
        var repeatedShare = profile is null || profile.Calls == 0 ? (decimal?)null : (decimal)profile.RepeatedPromptCalls / profile.Calls;
        var hitRate = repeatedShare * RealisticHitShare;

        // The uncached input of each model, a share of which would be read from cache at the model's cache-read rate.
        decimal? cacheSaving = null;
        if (hitRate is > 0)
        {
            foreach (var model in spend.GroupBy(r => r.ModelKey))
            {
                if (!rates.TryGetValue(model.Key, out var r) || r.CacheRead is not { } read) continue;
                var uncached = model.Sum(x => x.InputTokens - x.CacheReadTokens - x.CacheWriteTokens);
                cacheSaving = (cacheSaving ?? 0) + uncached * hitRate.Value * (r.Input - read) / 1_000_000m;
            }
        }

        var byMonth = spend.GroupBy(r => r.Period?[..7] ?? "").OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new TokensPerCall(g.Key, g.Sum(r => r.Events), PerCall(g.Sum(r => r.InputTokens), g.Sum(r => r.Events)),
                PerCall(g.Sum(r => r.OutputTokens), g.Sum(r => r.Events))))
            .Where(m => m.Calls > 0)
            .ToList();
        var (first, last) = (byMonth.FirstOrDefault(), byMonth.LastOrDefault());
        var outputGrowth = byMonth.Count < 2 ? null : Ratio(last!.OutputTokensPerCall, first!.OutputTokensPerCall);
        var promptGrowth = byMonth.Count < 2 ? null : Ratio(last!.InputTokensPerCall, first!.InputTokensPerCall);

        // What the extra output per call costs at the last month's volume, at the output rate of the costliest model.
        decimal? extraOutput = null;
        if (outputGrowth >= OutputGrowthFlag)
        {
            var main = spend.GroupBy(r => r.ModelKey).OrderByDescending(g => g.Sum(r => r.EffectiveCostUsd)).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
            if (rates.TryGetValue(main, out var r))
                extraOutput = Math.Round((last!.OutputTokensPerCall!.Value - first!.OutputTokensPerCall!.Value) * last.Calls * r.Output / 1_000_000m, 2);
        }

        var buckets = CallProfileTables.OutputBuckets;
        return new EfficiencyAnswer(
            profile?.Calls ?? 0,
            repeatedShare is null ? null : Math.Round(repeatedShare.Value * 100m, 2),
            Breakdowns.Percent(spend.Sum(r => r.CacheReadTokens), input),
            hitRate is null ? null : Math.Round(hitRate.Value * 100m, 2),
            cacheSaving is null ? null : Math.Round(cacheSaving.Value, 2),
            profile?.CallsWithoutOutputLimit ?? 0,
            profile is null ? null : Breakdowns.Percent(profile.CallsWithoutOutputLimit, profile.Calls),
            buckets.Select((b, i) => new OutputLengthCalls(i + 1 < buckets.Count ? $"{b}-{buckets[i + 1] - 1}" : $"{b}+",
                profile?.OutputLengthCalls[i] ?? 0)).ToList(),
            byMonth,
            outputGrowth,
            extraOutput,
            promptGrowth,
            promptGrowth >= PromptGrowthFlag);
    }

    private static decimal? PerCall(long tokens, long calls) => calls == 0 ? null : Math.Round((decimal)tokens / calls, 2);

    private static decimal? Ratio(decimal? now, decimal? before) => now is null || before is not > 0 ? null : Math.Round(now.Value / before.Value, 2);
}
