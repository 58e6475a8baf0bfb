using AiFinOps.Reporting.Sources;

namespace AiFinOps.Reporting.Quarterly;

/// <summary>
/// Pure: what a token mix costs on a model at its standard list rates (USD per million tokens), the same way ingest
/// prices a call: uncached input, cache reads and writes (at the input rate where the model has no cache rate), output
/// and reasoning (at the output rate where it has no reasoning rate). Long-context surcharges are not modelled.
/// </summary>
public static class CheaperModels
{
    public const int AlternativesPerModel = 10;

    public static decimal CostOf(ModelMix mix, ModelRates rates)
    {
        var uncached = mix.InputTokens - mix.CacheReadTokens - mix.CacheWriteTokens;
        var visibleOutput = mix.OutputTokens - mix.ReasoningTokens;
        return (uncached * rates.Input + mix.CacheReadTokens * (rates.CacheRead ?? rates.Input) + mix.CacheWriteTokens * (rates.CacheWrite ?? rates.Input)
            + visibleOutput * rates.Output + mix.ReasoningTokens * (rates.Reasoning ?? rates.Output)) / 1_000_000m;
    }

    /// <summary>
    /// Each catalogue model on which the mix would have cost less than its list cost today, cheapest first (at most
    /// <see cref="AlternativesPerModel"/>), with the saving rounded to the cent.
    /// </summary>
    public static IReadOnlyList<ModelAlternative> For(ModelMix mix, IReadOnlyList<ModelRates> catalogue)
    {
        if (mix.ListCostUsd <= 0) return [];
        var provider = mix.Model.Split('/')[0];
        return catalogue.Where(r => r.Key != mix.Model)
            .Select(r => (Rates: r, Cost: Math.Round(CostOf(mix, r), 6)))
            .Where(a => a.Cost < mix.ListCostUsd)
            .Select(a => new ModelAlternative(mix.Model, a.Rates.Key, a.Rates.Provider == provider, a.Cost,
                Math.Round(mix.ListCostUsd - a.Cost, 2), Math.Round((mix.ListCostUsd - a.Cost) / mix.ListCostUsd * 100m, 2)))
            .OrderByDescending(a => a.SavingUsd).ThenBy(a => a.ToModel, StringComparer.Ordinal)
            .Take(AlternativesPerModel)
            .ToList();
    }
}
